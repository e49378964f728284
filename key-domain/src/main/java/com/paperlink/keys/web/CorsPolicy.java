package com.paperlink.keys.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Cross-origin calls by the Fetch standard's CORS protocol, for a service whose callers authenticate with a
 * bearer header (never cookies, so never {@code Access-Control-Allow-Credentials}). Origins are listed
 * exactly ({@code https://app.example.com}, scheme, host and port); none by default, so browsers on other
 * origins are refused until an operator lists them.
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from a
 *       listed origin for one of the service's methods is answered 204 with the allowed methods and headers;
 *       anything else is refused (the caller answers 403 in its error shape).</li>
 *   <li>Any other answer to a listed origin carries {@code Access-Control-Allow-Origin} and exposes the
 *       headers a script needs to read (rate limit, request id).</li>
 * </ul>
 */
public final class CorsPolicy {

    public static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";
    public static final String EXPOSED_HEADERS = "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, "
            + "X-RateLimit-Reset, RateLimit, RateLimit-Policy, Retry-After";
    static final String MAX_AGE = "600";
    static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final Set<String> origins;
    private final Set<String> methods;
    private final String allowedMethods;

    private CorsPolicy(Set<String> origins, List<String> methods) {
        this.origins = origins;
        this.methods = Set.copyOf(methods);
        this.allowedMethods = String.join(", ", methods);
    }

    /**
     * @param allowedOrigins origins as {@code scheme://host[:port]}; {@code setting} names the property in the
     *                       message when one is not an origin (a service refuses to start on it)
     * @param methods        the service's methods, as the preflight answer lists them
     */
    public static CorsPolicy of(String setting, List<String> allowedOrigins, List<String> methods) {
        List<String> normalized = new ArrayList<>();
        for (String origin : allowedOrigins == null ? List.<String>of() : allowedOrigins) {
            if (origin == null || origin.isBlank()) {
                continue;
            }
            normalized.add(origin(setting, origin.trim()));
        }
        return new CorsPolicy(Set.copyOf(normalized), methods);
    }

    private static String origin(String setting, String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare) {
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(setting + ": '" + origin
                + "' is not an origin; list each as scheme://host[:port], e.g. https://app.example.com");
    }

    public boolean isEnabled() {
        return !origins.isEmpty();
    }

    public boolean allows(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** Whether a request is a CORS preflight (RFC: an OPTIONS request with both of these headers). */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equals(method) && origin != null && requestMethod != null;
    }

    /**
     * The preflight answer's headers for an allowed origin and method, or {@code null} when the preflight is
     * refused (origin not listed, or a method the service does not take).
     */
    public Map<String, String> preflight(String origin, String requestMethod) {
        if (!allows(origin) || !methods.contains(requestMethod.trim())) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Methods", allowedMethods);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", MAX_AGE);
        headers.put("Vary", PREFLIGHT_VARY);
        return headers;
    }

    /** Adds the headers of a non-preflight answer to a listed origin; nothing for any other origin. */
    public void decorate(String origin, BiConsumer<String, String> header) {
        if (allows(origin)) {
            header.accept("Access-Control-Allow-Origin", origin);
            header.accept("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            header.accept("Vary", "Origin");
        }
    }
}
