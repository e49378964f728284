package com.paperlink.gateway.auth;

/**
 * A key's own rate limit, as stored: {@code requests} per {@code windowSeconds}. Keys without one
 * carry {@code null} and get the gateway's default. One instance per loaded key, so it can serve
 * as a cheap map key on the request path.
 */
public record KeyRateLimit(int requests, int windowSeconds) {

    public static final int MAX_REQUESTS = 100_000;
    public static final int MAX_WINDOW_SECONDS = 3_600;

    public KeyRateLimit {
        if (requests < 1 || requests > MAX_REQUESTS || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException("rate limit out of range: " + requests + " per " + windowSeconds + " s");
        }
    }
}
