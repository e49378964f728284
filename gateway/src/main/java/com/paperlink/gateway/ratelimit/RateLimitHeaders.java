package com.paperlink.gateway.ratelimit;

import io.micronaut.http.MutableHttpResponse;

/**
 * The rate-limit response headers: the de-facto {@code X-RateLimit-*} trio and the IETF draft fields
 * (draft-ietf-httpapi-ratelimit-headers: {@code RateLimit-Policy: "default";q=60;w=60} and
 * {@code RateLimit: "default";r=<remaining>;t=<seconds until reset>}).
 */
public final class RateLimitHeaders {

    static final String POLICY_NAME = "\"default\"";

    private RateLimitHeaders() {
    }

    static <R extends MutableHttpResponse<?>> R apply(R response, RateLimitDecision decision, RateLimitPolicy policy,
                                                      long nowMillis) {
        long secondsToReset = decision.allowed()
                ? Math.max(0, decision.resetEpochSeconds() - Math.floorDiv(nowMillis + 999, 1000))
                : decision.retryAfterSeconds();
        var headers = response.getHeaders();
        headers.set("X-RateLimit-Limit", String.valueOf(decision.limit()));
        headers.set("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.set("X-RateLimit-Reset", String.valueOf(decision.resetEpochSeconds()));
        headers.set("RateLimit-Policy", policyValue(policy));
        headers.set("RateLimit", POLICY_NAME + ";r=" + decision.remaining() + ";t=" + secondsToReset);
        return response;
    }

    static String policyValue(RateLimitPolicy policy) {
        return POLICY_NAME + ";q=" + policy.requests() + ";w=" + Math.max(1, policy.window().toSeconds());
    }
}
