package com.paperlink.gateway.routing;

import com.paperlink.keys.KeyMode;
import com.paperlink.keys.RouteScope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated route. URLs are absolute http(s) without query, fragment or user info, and without a
 * trailing slash, so {@code url + path} is always a well-formed target.
 */
public record Route(String name, String path, String liveUrl, String testUrl) {

    /** Segments of unreserved characters; no dot segments, no empty segments, no trailing slash. */
    private static final Pattern PATH = Pattern.compile("(/(?!\\.{1,2}(/|$))[A-Za-z0-9._~-]+)+");

    /** @throws IllegalArgumentException whose message names the offending {@code gateway.routes.*} key */
    public static Route from(RouteConfiguration config) {
        String key = "gateway.routes." + config.name() + ".";
        if (!RouteScope.NAME.matcher(config.name()).matches()) {
            // keys name routes in their route scope (api_key.routes), comma-separated
            throw new IllegalArgumentException("gateway.routes." + config.name() + ": a route name must be 1-40 of "
                    + "[a-z0-9-], starting with a letter or digit");
        }
        String path = config.path();
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(key + "path must start with '/' and be segments of "
                    + "[A-Za-z0-9._~-] without a trailing '/' or dot segments, was '" + path + "'");
        }
        return new Route(config.name(), path, url(key + "live-url", config.liveUrl()),
                url(key + "test-url", config.testUrl()));
    }

    public String baseUrl(KeyMode mode) {
        return mode == KeyMode.LIVE ? liveUrl : testUrl;
    }

    /** Whether {@code apiPath} (the part after {@code /api/v1}) is this route's path or below it. */
    boolean covers(String apiPath) {
        return apiPath.equals(path) || apiPath.startsWith(path) && apiPath.charAt(path.length()) == '/';
    }

    /** Two routes overlap when one's path is the other's or lies below it. */
    boolean overlaps(Route other) {
        return covers(other.path) || other.covers(path);
    }

    private static String url(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required (an absolute http or https URL)");
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(key + " must be an absolute http(s) URL with a host and "
                        + "no query, fragment or user info, was '" + value + "'");
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a valid URL: '" + value + "'");
        }
    }
}
