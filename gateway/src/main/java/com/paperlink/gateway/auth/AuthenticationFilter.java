package com.paperlink.gateway.auth;

import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.EventLoopResume;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import com.paperlink.gateway.usage.KeyUsageRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Locale;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Step 1: asks the {@link KeyAuthenticator} (which never blocks the event loop) who is calling and turns
 * its outcome into HTTP: every rejection is the same 401, so a caller learns nothing about which keys
 * exist; a key store outage for an uncached key is 503, not 401.
 */
@Filter(PipelineOrder.API_PATTERN)
final class AuthenticationFilter implements HttpServerFilter {

    static final String CHALLENGE = "Bearer realm=\"PaperLink API\"";
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final KeyAuthenticator authenticator;
    private final KeyUsageRecorder usage;
    private final MeterRegistry registry;

    AuthenticationFilter(KeyAuthenticator authenticator, KeyUsageRecorder usage, MeterRegistry registry) {
        this.authenticator = authenticator;
        this.usage = usage;
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.AUTHENTICATE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return Mono.defer(() -> Mono.fromCompletionStage(
                        EventLoopResume.onCallersLoop(authenticator.authenticate(authorization))))
                .onErrorResume(e -> {
                    // The contract says this never happens; if it does, answer like an outage, never 500.
                    LOG.error("Key authenticator failed unexpectedly ({})", e.getClass().getName());
                    return Mono.just(AuthResult.rejected(AuthOutcome.UNAVAILABLE));
                })
                .flatMapMany(result -> {
                    if (result.isValid()) {
                        AuthenticatedKey key = result.key();
                        PipelineAttributes.setKey(request, key);
                        PipelineAttributes.clientAddress(request).ifPresent(client -> usage.recordUse(key.id(), client));
                        return chain.proceed(request);
                    }
                    registry.counter("gateway.auth.failures", "outcome",
                            result.outcome().name().toLowerCase(Locale.ROOT)).increment();
                    return Flux.just(reject(request, result.outcome()));
                });
    }

    /** The one table from outcome to public answer. */
    static MutableHttpResponse<?> reject(HttpRequest<?> request, AuthOutcome outcome) {
        return switch (outcome) {
            case UNAVAILABLE -> ErrorResponses.of(request, ErrorCode.AUTH_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1");
            case MISSING, MALFORMED, UNKNOWN, REVOKED, EXPIRED -> ErrorResponses.of(request, ErrorCode.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            case VALID -> throw new IllegalArgumentException("not a rejection");
        };
    }
}
