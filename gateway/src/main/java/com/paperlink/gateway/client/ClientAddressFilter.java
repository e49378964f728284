package com.paperlink.gateway.client;

import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/** Works out who is calling (never rejects), for the allowlist, "last used" and {@code X-Forwarded-For}. */
@Filter(PipelineOrder.API_PATTERN)
final class ClientAddressFilter implements HttpServerFilter {

    private final ClientAddressResolver resolver;

    ClientAddressFilter(ClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.CLIENT_ADDRESS;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        PipelineAttributes.setClient(request, resolver.resolve(request.getRemoteAddress().getAddress(),
                request.getHeaders().getAll("X-Forwarded-For")));
        return chain.proceed(request);
    }
}
