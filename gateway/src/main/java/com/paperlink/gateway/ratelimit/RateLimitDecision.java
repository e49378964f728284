package com.paperlink.gateway.ratelimit;

/**
 * The answer for one request.
 *
 * @param allowed            whether the request was accepted (and counted)
 * @param limit              the policy's request count ({@code X-RateLimit-Limit})
 * @param remaining          requests still accepted in the current window after this one ({@code X-RateLimit-Remaining})
 * @param resetEpochSeconds  Unix seconds, rounded up, when {@code remaining} next grows: when the oldest counted
 *                           request leaves the window; for a rejection, when the request that blocks this one
 *                           leaves it. Were nothing counted, now + window. ({@code X-RateLimit-Reset})
 * @param retryAfterSeconds  for a rejection, whole seconds (at least 1, rounded up) until a request would be
 *                           accepted ({@code Retry-After}); 0 when allowed
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetEpochSeconds,
                                long retryAfterSeconds) {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /**
     * Builds a decision from a window's state, the same arithmetic for the local and the Redis limiter.
     *
     * @param counted        requests counted in the window after this one
     * @param nowMicros      the limiter's current time
     * @param blockingMicros time of the entry whose exit next raises remaining (the oldest when allowed;
     *                       when rejected the entry at index counted - limit), or now if nothing is counted
     */
    static RateLimitDecision of(boolean allowed, int limit, long counted, long nowMicros, long blockingMicros,
                                long windowMicros) {
        long resetMicros = blockingMicros + windowMicros;
        int remaining = (int) Math.max(0, limit - counted);
        long retryAfter = allowed ? 0 : Math.max(1, ceilSeconds(resetMicros - nowMicros));
        return new RateLimitDecision(allowed, limit, remaining, ceilSeconds(resetMicros), retryAfter);
    }

    private static long ceilSeconds(long micros) {
        return Math.floorDiv(micros + MICROS_PER_SECOND - 1, MICROS_PER_SECOND);
    }
}
