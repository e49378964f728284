package com.paperlink.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one {@link RateLimiter}: global limits through Redis when configured, per-node limits
 * from a {@link LocalRateLimiter} otherwise or while Redis is failing. Never fails closed (no error
 * from Redis reaches the caller), never unlimited (the local limiter applies the same policy).
 *
 * <p>A small circuit breaker keeps a dead Redis from costing each request a timeout: after a failure
 * every request is answered locally for {@code retryInterval}; then a single request probes Redis
 * (the others stay local) and the first success closes the circuit. One WARN per outage, one INFO
 * on recovery.
 */
public final class FallbackRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackRateLimiter.class);

    private final RedisRateLimiter redis;
    private final LocalRateLimiter local;
    private final long retryIntervalNanos;
    private final LongSupplier nanoTime = System::nanoTime;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long retryAtNanos;
    private final RateLimitMetrics metrics;

    /** {@code redis} may be null: then every decision is local and nothing counts as a fallback. */
    public FallbackRateLimiter(RedisRateLimiter redis, LocalRateLimiter local, Duration retryInterval,
                               MeterRegistry registry) {
        this.redis = redis;
        this.local = local;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.metrics = new RateLimitMetrics(registry);
    }

    /** Where decisions are made right now: {@code redis}, {@code local} (no Redis configured) or {@code local-fallback}. */
    public String backend() {
        if (redis == null) {
            return "local";
        }
        return down.get() ? "local-fallback" : "redis";
    }

    @Override
    public CompletionStage<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy) {
        if (redis == null) {
            return CompletableFuture.completedFuture(metrics.local(local.decide(bucket, policy)));
        }
        if (!down.get()) {
            return viaRedis(bucket, policy);
        }
        if (nanoTime.getAsLong() - retryAtNanos >= 0 && probing.compareAndSet(false, true)) {
            return viaRedis(bucket, policy).whenComplete((decision, error) -> probing.set(false));
        }
        return CompletableFuture.completedFuture(fallback(bucket, policy));
    }

    private CompletionStage<RateLimitDecision> viaRedis(String bucket, RateLimitPolicy policy) {
        CompletionStage<RateLimitDecision> answer;
        try {
            answer = redis.acquire(bucket, policy);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((decision, error) -> error == null
                ? redisAnswered(decision)
                : redisFailed(bucket, policy, error));
    }

    private RateLimitDecision redisAnswered(RateLimitDecision decision) {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis answers again: rate limits are global again");
        }
        return metrics.redis(decision);
    }

    private RateLimitDecision redisFailed(String bucket, RateLimitPolicy policy, Throwable error) {
        // Set the retry time before raising the flag so no reader sees "down" with a stale retry time.
        retryAtNanos = nanoTime.getAsLong() + retryIntervalNanos;
        if (down.compareAndSet(false, true)) {
            LOG.warn("Redis rate limiting unavailable ({}); limiting per gateway node until Redis answers again",
                    describe(error));
        }
        return fallback(bucket, policy);
    }

    private RateLimitDecision fallback(String bucket, RateLimitPolicy policy) {
        metrics.fallback();
        return metrics.local(local.decide(bucket, policy));
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Micrometer counters, registered up front so dashboards see zeros rather than gaps. */
    private static final class RateLimitMetrics {
        private final Counter fallbacks;
        private final Counter redisAllowed;
        private final Counter redisRejected;
        private final Counter localAllowed;
        private final Counter localRejected;

        RateLimitMetrics(MeterRegistry registry) {
            fallbacks = Counter.builder("paperlink.ratelimit.fallback")
                    .description("Requests limited per node because Redis failed or is backed off")
                    .register(registry);
            redisAllowed = decisions(registry, "redis", true);
            redisRejected = decisions(registry, "redis", false);
            localAllowed = decisions(registry, "local", true);
            localRejected = decisions(registry, "local", false);
        }

        private static Counter decisions(MeterRegistry registry, String backend, boolean allowed) {
            return Counter.builder("paperlink.ratelimit.decisions")
                    .description("Rate-limit decisions by outcome and by the store that made them")
                    .tag("backend", backend)
                    .tag("allowed", Boolean.toString(allowed))
                    .register(registry);
        }

        void fallback() {
            fallbacks.increment();
        }

        RateLimitDecision redis(RateLimitDecision decision) {
            (decision.allowed() ? redisAllowed : redisRejected).increment();
            return decision;
        }

        RateLimitDecision local(RateLimitDecision decision) {
            (decision.allowed() ? localAllowed : localRejected).increment();
            return decision;
        }
    }
}
