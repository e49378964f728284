package com.paperlink.keyadmin.web;

import com.paperlink.keyadmin.error.ErrorBody;
import com.paperlink.keyadmin.error.ErrorCode;
import com.paperlink.keyadmin.error.RequestIds;
import com.paperlink.keys.web.CorsPolicy;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin calls to the admin API ({@code key-admin.cors.allowed-origins}, env
 * {@code KEY_ADMIN_CORS_ALLOWED_ORIGINS}; none by default). A preflight is answered here, before the
 * security filter asks for a token: 204 with the allowed methods and headers for a listed origin, 403
 * {@code origin_not_allowed} in the error shape for any other. Answers to a listed origin carry
 * {@code Access-Control-Allow-Origin}. Runs right after the filters that stamp every answer (request id,
 * security headers), so a preflight answer carries those too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CorsFilter implements Ordered {

    static final String SETTING = "key-admin.cors.allowed-origins";
    private static final List<String> METHODS = List.of("GET", "POST", "PATCH");

    private final CorsPolicy policy;

    CorsFilter(@Property(name = SETTING) @Nullable List<String> origins) {
        this.policy = CorsPolicy.of(SETTING, origins, METHODS);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> preflight(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String method = request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (!CorsPolicy.isPreflight(request.getMethodName(), origin, method)) {
            return null;
        }
        Map<String, String> allowed = policy.preflight(origin, method);
        if (allowed == null) {
            return HttpResponse.status(ErrorCode.ORIGIN_NOT_ALLOWED.status()).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(ErrorBody.of(ErrorCode.ORIGIN_NOT_ALLOWED, ErrorCode.ORIGIN_NOT_ALLOWED.message(),
                            RequestIds.of(request), null));
        }
        MutableHttpResponse<?> response = HttpResponse.noContent();
        allowed.forEach(response::header);
        return response;
    }

    @ResponseFilter
    void allowOrigin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (policy.isEnabled() && !response.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            policy.decorate(request.getHeaders().get(HttpHeaders.ORIGIN), (name, value) -> {
                if (name.equals(HttpHeaders.VARY)) {
                    response.getHeaders().add(name, value);
                } else {
                    response.header(name, value);
                }
            });
        }
    }
}
