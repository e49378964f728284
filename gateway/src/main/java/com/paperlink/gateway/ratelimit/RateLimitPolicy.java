package com.paperlink.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code requests} accepted requests inside any interval of length {@code window}.
 * Sub-millisecond parts of the window are ignored by Redis' key expiry, so a window is at least 1 ms.
 */
public record RateLimitPolicy(int requests, Duration window) {

    public RateLimitPolicy {
        Objects.requireNonNull(window, "window");
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, was " + requests);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1 ms, was " + window);
        }
    }

    /** The {@code RateLimit-Policy} header value for this policy. */
    public String headerValue() {
        return RateLimitHeaders.policyValue(this);
    }

    /** The window in microseconds, the unit both limiters keep timestamps in. */
    long windowMicros() {
        return window.toNanos() / 1_000;
    }
}
