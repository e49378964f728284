package com.paperlink.gateway.authz;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/** Step 3: the key's scope against the method ({@link ScopePolicy}): 403 or 405 with {@code Allow}. */
@Filter(PipelineOrder.API_PATTERN)
final class ScopeFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return PipelineOrder.SCOPE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        AuthenticatedKey key = PipelineAttributes.key(request).orElse(null);
        if (key == null) {
            return chain.proceed(request);
        }
        return switch (ScopePolicy.decide(key.scope(), request.getMethodName())) {
            case ALLOWED -> chain.proceed(request);
            case SCOPE_INSUFFICIENT -> Publishers.just(ErrorResponses.of(request, ErrorCode.SCOPE_INSUFFICIENT));
            case METHOD_NOT_ALLOWED -> Publishers.just(ErrorResponses.of(request, ErrorCode.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, ScopePolicy.ALLOW));
        };
    }
}
