package com.paperlink.keyadmin.error;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * Why a request's bearer token was refused, carried on the request from the check that refused it
 * (which can only answer yes or no to micronaut-security) to the 401 that
 * {@link ApiErrorResponseProcessor} writes. The reason is public text: it never contains the token.
 */
public final class AuthFailures {

    private static final String ATTRIBUTE = "paperlink.auth-failure";

    private AuthFailures() {
    }

    /** Remembers the first reason for this request; later ones would only repeat the verdict. */
    public static void record(HttpRequest<?> request, String reason) {
        if (request.getAttribute(ATTRIBUTE).isEmpty()) {
            request.setAttribute(ATTRIBUTE, reason);
        }
    }

    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }
}
