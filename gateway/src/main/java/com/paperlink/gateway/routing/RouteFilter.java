package com.paperlink.gateway.routing;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.net.URI;
import org.reactivestreams.Publisher;

/** Step 4: picks the upstream by path and the key's mode, or answers 404 {@code not_found}. */
@Filter(PipelineOrder.API_PATTERN)
final class RouteFilter implements HttpServerFilter {

    private final RouteTable routes;

    RouteFilter(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.ROUTE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        AuthenticatedKey key = PipelineAttributes.key(request).orElse(null);
        if (key == null) {
            return chain.proceed(request);
        }
        URI uri = request.getUri();
        return routes.match(uri.getRawPath(), uri.getRawQuery(), key.mode())
                .map(target -> {
                    PipelineAttributes.setTarget(request, target);
                    return chain.proceed(request);
                })
                .orElseGet(() -> Publishers.just(ErrorResponses.of(request, ErrorCode.NOT_FOUND)));
    }
}
