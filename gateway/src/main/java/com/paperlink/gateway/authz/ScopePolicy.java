package com.paperlink.gateway.authz;

import com.paperlink.keys.KeyScope;
import io.micronaut.http.HttpMethod;
import java.util.EnumSet;
import java.util.Set;

/**
 * Step 3, scope by method (SPEC): {@code read_only} keys may GET and HEAD; {@code read_write} keys also
 * POST, PATCH and DELETE. Any other method (PUT, OPTIONS, TRACE, CONNECT, custom) is not part of the API.
 */
public final class ScopePolicy {

    /** Methods the public API knows at all; the {@code Allow} header of a 405. */
    public static final Set<HttpMethod> API_METHODS = EnumSet.of(
            HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<HttpMethod> READ_METHODS = EnumSet.of(HttpMethod.GET, HttpMethod.HEAD);
    /** The {@code Allow} header value, in a stable order. */
    public static final String ALLOW = "GET, HEAD, POST, PATCH, DELETE";

    public enum Decision {
        ALLOWED,
        /** The key's scope does not cover this method: 403 {@code scope_insufficient}. */
        SCOPE_INSUFFICIENT,
        /** Not a method of the API: 405 with {@code Allow}. */
        METHOD_NOT_ALLOWED
    }

    private ScopePolicy() {
    }

    /** @param methodName the request's method as sent (custom methods are not in {@link HttpMethod}) */
    public static Decision decide(KeyScope scope, String methodName) {
        HttpMethod method = HttpMethod.parse(methodName);
        if (!API_METHODS.contains(method) || !method.name().equals(methodName)) {
            return Decision.METHOD_NOT_ALLOWED;
        }
        if (scope == KeyScope.READ_WRITE || READ_METHODS.contains(method)) {
            return Decision.ALLOWED;
        }
        return Decision.SCOPE_INSUFFICIENT;
    }
}
