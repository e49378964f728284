package com.paperlink.gateway.ratelimit;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * The rate-limit response headers: the de-facto {@code X-RateLimit-*} trio and the IETF draft fields
 * (draft-ietf-httpapi-ratelimit-headers: {@code RateLimit-Policy: "default";q=60;w=60} and
 * {@code RateLimit: "default";r=<remaining>;t=<seconds until reset>}).
 */
public final class RateLimitHeaders {

    static final String POLICY_NAME = "\"default\"";
    private static final AsciiString LIMIT = AsciiString.cached("X-RateLimit-Limit");
    private static final AsciiString REMAINING = AsciiString.cached("X-RateLimit-Remaining");
    private static final AsciiString RESET = AsciiString.cached("X-RateLimit-Reset");
    private static final AsciiString POLICY = AsciiString.cached("RateLimit-Policy");
    private static final AsciiString RATE_LIMIT = AsciiString.cached("RateLimit");

    private RateLimitHeaders() {
    }

    /**
     * Sets the five headers for {@code decision} at {@code nowMillis}; {@code policyHeader} is the policy's
     * {@link RateLimitPolicy#headerValue()}, computed once per policy rather than per request.
     */
    public static void apply(HttpHeaders headers, RateLimitDecision decision, String policyHeader, long nowMillis) {
        long secondsToReset = decision.allowed()
                ? Math.max(0, decision.resetEpochSeconds() - Math.floorDiv(nowMillis + 999, 1000))
                : decision.retryAfterSeconds();
        // text, not numbers: Netty would box each number before turning it into text
        headers.set(LIMIT, String.valueOf(decision.limit()));
        headers.set(REMAINING, String.valueOf(decision.remaining()));
        headers.set(RESET, String.valueOf(decision.resetEpochSeconds()));
        headers.set(POLICY, policyHeader);
        headers.set(RATE_LIMIT, POLICY_NAME + ";r=" + decision.remaining() + ";t=" + secondsToReset);
    }

    static String policyValue(RateLimitPolicy policy) {
        return POLICY_NAME + ";q=" + policy.requests() + ";w=" + Math.max(1, policy.window().toSeconds());
    }
}
