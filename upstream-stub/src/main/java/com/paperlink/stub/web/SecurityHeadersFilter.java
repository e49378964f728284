package com.paperlink.stub.web;

import com.paperlink.keys.web.SecurityHeaders;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The services' header policy ({@link SecurityHeaders}) on every answer of the stub — data, the
 * OpenAPI document, health, metrics and errors, including {@link StubHeadersFilter}'s early 400s
 * (this filter is first, so its response side runs last). The stub is not public: no proxy is
 * trusted, so {@code Strict-Transport-Security} only when TLS ends here. Caching stays as each
 * answer sets it, because the gateway passes the stub's answers through to API clients.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        String type = response.getContentType().map(MediaType::toString).orElse(null);
        SecurityHeaders.forEach(type, SecurityHeaders.STRICT_PAGE_POLICY, request.isSecure(), headers::set);
    }
}
