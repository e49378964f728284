package com.paperlink.keyadmin.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import com.paperlink.keyadmin.keys.RouteNames;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;

/**
 * What the static API Keys page needs to know before sign-in: where the public gateway lives
 * (for the "Open API docs with this key" link), the active-key limit it displays and the gateway's route
 * names (the route choice of the create and edit dialogs). Anonymous,
 * because the page loads it before it has a JWT; it holds nothing secret.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class AppConfigController {

    /** The per-team active-key limit from the SPEC; the API enforces it, the page only shows it. */
    static final int MAX_ACTIVE_KEYS = 10;

    private final String publicGatewayUrl;
    private final List<String> routes;

    public AppConfigController(@Value("${key-admin.public-gateway-url:`http://localhost:8080`}") String publicGatewayUrl,
                               RouteNames routeNames) {
        this.publicGatewayUrl = stripTrailingSlash(publicGatewayUrl);
        this.routes = routeNames.all();
    }

    @Get("/app-config.json")
    public AppConfig config() {
        return new AppConfig(publicGatewayUrl, MAX_ACTIVE_KEYS, routes);
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    @Serdeable
    public record AppConfig(String publicGatewayUrl, int maxActiveKeys, List<String> routes) {
    }
}
