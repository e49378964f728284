package com.paperlink.gateway.proxy;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.client.ClientAddressResolver;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import com.paperlink.gateway.pipeline.RequestIds;
import com.paperlink.gateway.routing.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Step 5: forwards the request to the chosen upstream with {@link UpstreamClient} and streams both bodies
 * (neither is ever held in memory whole). The end of the pipeline: it never calls the rest of the chain.
 */
@Filter(PipelineOrder.API_PATTERN)
final class ProxyFilter implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyFilter.class);

    private final UpstreamClient client;
    private final MeterRegistry registry;
    private final Map<String, Timer> latencyByRoute = new ConcurrentHashMap<>();

    ProxyFilter(UpstreamClient client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.PROXY;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        AuthenticatedKey key = PipelineAttributes.key(request).orElse(null);
        RouteTable.Target target = PipelineAttributes.target(request).orElse(null);
        ClientAddressResolver.Resolution caller = PipelineAttributes.client(request).orElse(null);
        if (key == null || target == null || caller == null) {
            return chain.proceed(request); // not reached: every earlier step answers or sets these
        }
        boolean withBody = UpstreamClient.hasBody(request);
        // Read before the headers are rewritten: mutate() changes this very request, and Netty decides
        // keep-alive from it after the answer, so the client's "Connection: close" would be lost.
        boolean clientCloses = request.getHeaders().getAll(HttpHeaders.CONNECTION).stream()
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("close"));
        MutableHttpRequest<?> upstream = request.mutate().uri(URI.create(target.uri()));
        replace(upstream.getHeaders(), HeaderRewriter.toUpstream(entries(request.getHeaders()), key,
                RequestIds.of(request), caller.forwardedChain(), request.isSecure() ? "https" : "http",
                request.getHeaders().get(HttpHeaders.HOST)));
        long start = System.nanoTime();
        String route = target.route().name();
        Flux<MutableHttpResponse<?>> responses = Flux.from(client.proxy(upstream, withBody));
        return responses
                .<MutableHttpResponse<?>>map(response -> {
                    long nanos = System.nanoTime() - start;
                    PipelineAttributes.setUpstreamNanos(request, nanos);
                    latencyByRoute.computeIfAbsent(route, name -> registry.timer("gateway.upstream.latency", "route", name))
                            .record(nanos, TimeUnit.NANOSECONDS);
                    dropHopByHop(response.getHeaders());
                    if (clientCloses) {
                        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
                    }
                    return response;
                })
                .onErrorResume(error -> {
                    // A body over micronaut.server.max-request-size is the client's fault (413), not the upstream's.
                    ErrorCode code = tooLarge(error) ? ErrorCode.PAYLOAD_TOO_LARGE
                            : isTimeout(error) ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE;
                    LOG.warn("Upstream {} for route {} failed: {} ({})", code.code(), route,
                            error.getClass().getSimpleName(), error.getMessage());
                    registry.counter("gateway.upstream.failures", "route", route, "code", code.code()).increment();
                    MutableHttpResponse<?> answer = ErrorResponses.of(request, code);
                    return Flux.just(answer);
                });
    }

    static boolean tooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ReadTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static List<Map.Entry<String, String>> entries(HttpHeaders headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (String name : headers.names()) {
            for (String value : headers.getAll(name)) {
                entries.add(Map.entry(name, value));
            }
        }
        return entries;
    }

    private static void replace(MutableHttpHeaders headers, List<Map.Entry<String, String>> entries) {
        for (String name : new ArrayList<>(headers.names())) {
            headers.remove(name);
        }
        for (Map.Entry<String, String> entry : entries) {
            headers.add(entry.getKey(), entry.getValue());
        }
    }

    private static void dropHopByHop(MutableHttpHeaders headers) {
        Set<String> names = HeaderRewriter.hopByHopIn(entries(headers));
        for (String name : names) {
            headers.remove(name);
        }
    }
}
