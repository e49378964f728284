package com.paperlink.gateway.error;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Gives every request Micronaut serves (the reference, /health, /prometheus, the framework's own errors)
 * its {@code X-Request-Id}, kept if sane, else new, and returns it to the client. The public API under
 * {@code /api/v1} never reaches Micronaut's router: the pipeline gives those requests their id itself.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        return Publishers.map(chain.proceed(request), response -> {
            response.getHeaders().set(RequestIds.HEADER, requestId);
            return response;
        });
    }
}
