package com.paperlink.gateway.ratelimit;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether one more request fits into a bucket's sliding window and, if so, counts it.
 *
 * <p>The bucket is an opaque id chosen by the caller (today a key id; later a shared id for a
 * rolled key pair), and the policy travels with every call so per-key limits need no
 * re-configuration. The limit is exact: never more than {@code policy.requests()} accepted
 * requests inside any interval of length {@code policy.window()}; a rejected request is not counted.
 *
 * <p>Implementations never throw and never fail closed: if their store is unavailable they
 * answer from a per-node limiter instead (see {@link FallbackRateLimiter}). The returned stage
 * may complete on a Redis I/O or timer thread, so callers must not block in their callbacks.
 */
public interface RateLimiter {

    /** Counts one request against {@code bucket} if allowed; never throws, never fails closed. */
    CompletionStage<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy);
}
