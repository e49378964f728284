package com.paperlink.gateway.web;

import com.paperlink.keys.web.SecurityHeaders;
import com.paperlink.keys.web.TrustedProxies;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.FileCustomizableResponseType;
import io.micronaut.web.router.RouteAttributes;
import java.util.List;

/**
 * The header policy ({@link SecurityHeaders}) on every answer the gateway serves through Micronaut:
 * the API reference ({@code /api/docs} and its assets, {@code /api/openapi.*}, {@code /api/llms.txt}),
 * {@code /health}, {@code /prometheus} and the framework's own errors (404, 405, 413 ...).
 *
 * <ul>
 *   <li>The reference page is Swagger UI: {@link SecurityHeaders#SWAGGER_UI_PAGE_POLICY} (own scripts
 *       only, calls to this gateway only, never framed).</li>
 *   <li>{@code Cache-Control: no-store} unless the answer chose its own (the docs assets are
 *       {@code public, max-age=3600}: they are the same for everyone and hold nothing secret).</li>
 *   <li>{@code Strict-Transport-Security} when TLS ends here, or when the socket peer is one of
 *       {@code gateway.trusted-proxies} and says {@code X-Forwarded-Proto: https}.</li>
 * </ul>
 *
 * <p>The public API under {@code /api/v1} never reaches Micronaut's filters: the pipeline's own error
 * answers carry the same policy, upstream answers pass through with their own headers. Matches
 * {@code /**} with no method restriction, so Micronaut keeps its pre-sorted filter list.
 */
@Context
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {

    private final TrustedProxies trustedProxies;

    SecurityHeadersFilter(@Nullable @Property(name = "gateway.trusted-proxies") List<String> trustedProxies) {
        try {
            this.trustedProxies = TrustedProxies.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: gateway.trusted-proxies: " + e.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        SecurityHeaders.forEach(contentType(request, response), SecurityHeaders.SWAGGER_UI_PAGE_POLICY, https(request), headers::set);
        if (!headers.contains(SecurityHeaders.CACHE_CONTROL)) {
            headers.set(SecurityHeaders.CACHE_CONTROL, SecurityHeaders.NO_STORE);
        }
    }

    private boolean https(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-Proto");
        return !forwarded.isEmpty() && SecurityHeaders.servedOverHttps(false,
                trustedProxies.contains(request.getRemoteAddress().getAddress()), forwarded);
    }

    /** The answer's type; a controller's may still be only in its {@code @Produces}. */
    private static String contentType(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MediaType type = response.getContentType().orElse(null);
        if (type == null && response.body() instanceof FileCustomizableResponseType file) {
            type = file.getMediaType();
        }
        if (type == null) {
            type = RouteAttributes.getRouteInfo(request).flatMap(route -> route.getProduces().stream().findFirst()).orElse(null);
        }
        return type == null ? null : type.toString();
    }
}
