package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every request: gives it its {@code X-Request-Id} (kept if sane, else new; returned to the client),
 * writes one access-log line and counts it by outcome. Never logs headers or the query string, so no
 * token or secret query parameter reaches the log.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestContextFilter implements HttpServerFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("paperlink.access");

    private final MeterRegistry registry;
    /** The few (outcome, status, route) combinations seen, so a request costs a map lookup, not a meter lookup. */
    private final Map<RequestsTag, Counter> requests = new ConcurrentHashMap<>();

    RequestContextFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.REQUEST_CONTEXT;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long start = System.nanoTime();
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(PipelineAttributes.REQUEST_ID, requestId);
        return Publishers.map(chain.proceed(request), response -> {
            response.getHeaders().set(RequestIds.HEADER, requestId);
            record(request, response, requestId, System.nanoTime() - start);
            return response;
        });
    }

    private void record(HttpRequest<?> request, MutableHttpResponse<?> response, String requestId, long nanos) {
        String path = request.getPath();
        if (!path.startsWith(PipelineOrder.API_PREFIX)) {
            return; // health probes and scrapes would drown the log; they have their own metrics
        }
        String outcome = PipelineAttributes.error(request).map(ErrorCode::code)
                .orElse(PipelineAttributes.upstreamNanos(request).isPresent() ? "proxied" : "ok");
        String route = PipelineAttributes.route(request).orElse("none");
        String keyId = PipelineAttributes.key(request).map(AuthenticatedKey::id).orElse("-");
        long upstreamMs = PipelineAttributes.upstreamNanos(request).map(TimeUnit.NANOSECONDS::toMillis).orElse(-1L);
        requests.computeIfAbsent(new RequestsTag(outcome, response.code(), route), tag -> registry.counter(
                "gateway.requests", "outcome", tag.outcome(), "status", String.valueOf(tag.status()),
                "route", tag.route())).increment();
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("{} {} status={} outcome={} route={} key={} client={} upstream_ms={} total_ms={} request_id={}",
                    request.getMethodName(), truncate(request.getUri().getRawPath()), response.code(), outcome, route,
                    keyId, PipelineAttributes.clientAddress(request).map(a -> a.getHostAddress()).orElse("-"),
                    upstreamMs, TimeUnit.NANOSECONDS.toMillis(nanos), requestId);
        }
    }

    private static String truncate(String path) {
        return path.length() <= 300 ? path : path.substring(0, 300) + "…";
    }

    private record RequestsTag(String outcome, int status, String route) {
    }
}
