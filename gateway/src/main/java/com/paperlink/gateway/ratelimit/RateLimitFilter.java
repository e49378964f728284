package com.paperlink.gateway.ratelimit;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.EventLoopResume;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Step 2: spends one request of the key's budget and puts the rate-limit headers on every answer from
 * here on (429, the later 403/404/405, 502/504 and whatever the upstream says). Turned off entirely with
 * {@code gateway.rate-limit.enabled: false} (then no rate-limit headers either), e.g. to benchmark the rest.
 */
@Filter(PipelineOrder.API_PATTERN)
final class RateLimitFilter implements HttpServerFilter {

    private final RateLimiter limiter;
    private final RateLimitPolicy policy;
    private final boolean enabled;
    private final MeterRegistry registry;

    RateLimitFilter(RateLimiter limiter, RateLimitConfiguration config, MeterRegistry registry,
                    @Property(name = "gateway.rate-limit.enabled", defaultValue = "true") boolean enabled) {
        this.limiter = limiter;
        this.policy = config.defaultPolicy();
        this.enabled = enabled;
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.RATE_LIMIT;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        AuthenticatedKey key = PipelineAttributes.key(request).orElse(null);
        if (!enabled || key == null) {
            return chain.proceed(request);
        }
        return Mono.defer(() -> Mono.fromCompletionStage(
                        EventLoopResume.onCallersLoop(limiter.acquire(key.rateLimitBucket(), policy))))
                .flatMapMany(decision -> {
                    PipelineAttributes.setRateLimit(request, decision);
                    if (!decision.allowed()) {
                        registry.counter("gateway.rate_limit.rejections").increment();
                        return Flux.just(RateLimitHeaders.apply(ErrorResponses.of(request, ErrorCode.RATE_LIMIT_EXCEEDED)
                                .header(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds())),
                                decision, policy, System.currentTimeMillis()));
                    }
                    return Flux.from(chain.proceed(request))
                            .map(response -> RateLimitHeaders.apply(response, decision, policy, System.currentTimeMillis()));
                });
    }
}
