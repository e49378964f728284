package com.paperlink.gateway.routing;

import com.paperlink.keys.KeyMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Step 4: which upstream serves a request. A request for {@code /api/v1{path}/rest?query} goes to
 * {@code {url}{path}/rest?query}, {@code url} chosen by the key's mode alone. Matching works on the raw
 * (still percent-encoded) path after {@link SafePath} has refused anything that could climb out of
 * the route's prefix, and respects segment boundaries ({@code /productsX} is not {@code /products}).
 */
public final class RouteTable {

    public static final String API_PREFIX = "/api/v1";
    /** {@code /api/v1/key} is the gateway's own key info endpoint; no route may cover it or lie below it. */
    static final String RESERVED = "/key";

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * Validates every entry; duplicate or overlapping paths are refused (which one would serve a request
     * would otherwise depend on configuration order).
     *
     * @throws IllegalArgumentException naming the offending {@code gateway.routes.*} key
     */
    public static RouteTable of(List<RouteConfiguration> configurations) {
        List<Route> routes = new ArrayList<>();
        List<RouteConfiguration> sorted = new ArrayList<>(configurations);
        sorted.sort(Comparator.comparing(RouteConfiguration::name));
        for (RouteConfiguration configuration : sorted) {
            Route route = Route.from(configuration);
            if (route.covers(RESERVED) || route.path().startsWith(RESERVED + "/")) {
                throw new IllegalArgumentException("gateway.routes." + route.name() + ".path '" + route.path()
                        + "' is reserved: " + API_PREFIX + RESERVED + " is the gateway's key info endpoint");
            }
            for (Route existing : routes) {
                if (existing.overlaps(route)) {
                    throw new IllegalArgumentException("gateway.routes." + route.name() + ".path '" + route.path()
                            + "' overlaps gateway.routes." + existing.name() + ".path '" + existing.path() + "'");
                }
            }
            routes.add(route);
        }
        return new RouteTable(List.copyOf(routes));
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route names, which keys' route scopes refer to. */
    public List<String> names() {
        return routes.stream().map(Route::name).toList();
    }

    /**
     * @param rawPath  the request's path as sent, percent-encoding intact
     * @param rawQuery the query as sent, or {@code null}
     * @return the upstream target, or empty for 404 (no route, outside {@code /api/v1}, or unsafe)
     */
    public Optional<Target> match(String rawPath, String rawQuery, KeyMode mode) {
        if (rawPath == null || !rawPath.startsWith(API_PREFIX + "/") || !SafePath.isSafe(rawPath)
                || !SafePath.isVisibleAscii(rawPath) || (rawQuery != null && !SafePath.isVisibleAscii(rawQuery))) {
            return Optional.empty();
        }
        String apiPath = rawPath.substring(API_PREFIX.length());
        for (Route route : routes) {
            if (route.covers(apiPath)) {
                String query = rawQuery == null ? "" : "?" + rawQuery;
                return Optional.of(new Target(route, route.baseUrl(mode) + apiPath + query));
            }
        }
        return Optional.empty();
    }

    /** Where one request goes: the route (for logs and metrics) and the absolute upstream URI. */
    public record Target(Route route, String uri) {
    }
}
