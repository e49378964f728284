package com.paperlink.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * In-process {@link SlidingWindowLog} per bucket: the limiter when no Redis is configured and the
 * per-node fallback while Redis is unreachable. Exact within one node.
 *
 * <p>Memory stays bounded: a bucket is forgotten after one window without calls (all its entries
 * have left the window by then, so forgetting it changes no decision), and at most
 * {@code maxBuckets} buckets are kept (least recently used go first).
 */
public final class LocalRateLimiter implements RateLimiter {

    private final Clock clock;
    private final Cache<String, SlidingWindowLog> buckets;

    public LocalRateLimiter(Clock clock, long maxBuckets) {
        this(clock, maxBuckets, Runnable::run); // upkeep on the calling event loop (see KeyCache)
    }

    /** {@code maintenance} runs Caffeine's evictions. */
    LocalRateLimiter(Clock clock, long maxBuckets, Executor maintenance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(new IdleForOneWindow())
                // Expiry follows the limiter's clock, so a test clock drives both consistently.
                .ticker(() -> epochMicros(clock.instant()) * 1_000)
                .executor(maintenance)
                .build();
    }

    @Override
    public CompletionStage<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy) {
        return CompletableFuture.completedFuture(decide(bucket, policy));
    }

    /** The synchronous form of {@link #acquire}. */
    public RateLimitDecision decide(String bucket, RateLimitPolicy policy) {
        long now = epochMicros(clock.instant());
        RateLimitDecision[] decision = new RateLimitDecision[1];
        // compute() holds the key's lock for the whole check-and-record, and cannot race with eviction.
        buckets.asMap().compute(bucket, (id, log) -> {
            SlidingWindowLog current = log == null ? new SlidingWindowLog() : log;
            decision[0] = current.acquire(now, policy.requests(), policy.windowMicros());
            return current;
        });
        return decision[0];
    }

    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static final class IdleForOneWindow implements Expiry<String, SlidingWindowLog> {
        @Override
        public long expireAfterCreate(String key, SlidingWindowLog log, long now) {
            return log.windowMicros() * 1_000;
        }

        @Override
        public long expireAfterUpdate(String key, SlidingWindowLog log, long now, long currentDuration) {
            return log.windowMicros() * 1_000;
        }

        @Override
        public long expireAfterRead(String key, SlidingWindowLog log, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
