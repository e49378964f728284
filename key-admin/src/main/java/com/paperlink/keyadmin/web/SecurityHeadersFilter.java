package com.paperlink.keyadmin.web;

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
import java.net.InetSocketAddress;
import java.util.List;

/**
 * key-admin's header policy ({@link SecurityHeaders}) on every answer — the API Keys page and its
 * assets, Swagger UI, the admin API, health, metrics and every error, the security filter's 401s
 * included (this filter is first in the chain, so its response side runs last).
 *
 * <ul>
 *   <li>The API Keys page gets {@link SecurityHeaders#STRICT_PAGE_POLICY}: no inline script or style,
 *       calls to key-admin only. It never calls the gateway (it only links to
 *       {@code key-admin.public-gateway-url}, and a link is no fetch), so {@code connect-src} stays
 *       {@code 'self'}. Swagger UI ({@code /swagger-ui}) gets {@link SecurityHeaders#SWAGGER_UI_PAGE_POLICY},
 *       which also allows the inline styles it writes.</li>
 *   <li>{@code Cache-Control: no-store} on everything but the page's static files: a create answer
 *       carries the one-time token, the others carry team data. Static files are
 *       {@code no-cache}: cached, but revalidated on each use (304), so a new release shows at once.</li>
 *   <li>{@code Strict-Transport-Security} when TLS ends here, or when the socket peer is listed in
 *       {@code key-admin.trusted-proxies} and says {@code X-Forwarded-Proto: https}.</li>
 * </ul>
 *
 * <p>Matches {@code /**} with no method restriction, so Micronaut keeps its pre-sorted filter list.
 */
@Context
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {

    static final String SWAGGER_UI = "/swagger-ui";

    private final TrustedProxies trustedProxies;

    SecurityHeadersFilter(@Nullable @Property(name = "key-admin.trusted-proxies") List<String> trustedProxies) {
        try {
            this.trustedProxies = TrustedProxies.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: key-admin.trusted-proxies: " + e.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean staticFile = response.body() instanceof FileCustomizableResponseType;
        MutableHttpHeaders headers = response.getHeaders();
        String pagePolicy = request.getPath().startsWith(SWAGGER_UI)
                ? SecurityHeaders.SWAGGER_UI_PAGE_POLICY : SecurityHeaders.STRICT_PAGE_POLICY;
        SecurityHeaders.forEach(contentType(request, response), pagePolicy, https(request), headers::set);
        headers.set(SecurityHeaders.CACHE_CONTROL, staticFile ? SecurityHeaders.REVALIDATE : SecurityHeaders.NO_STORE);
    }

    private boolean https(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-Proto");
        if (forwarded.isEmpty()) {
            return false;
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return SecurityHeaders.servedOverHttps(false, trustedProxies.contains(peer.getAddress()), forwarded);
    }

    /** The answer's type; a static file's comes from its name, a controller's from its {@code @Produces}. */
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
