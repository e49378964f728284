package com.paperlink.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget of failed authentications per client address ({@code gateway.auth.failure-budget}, default 100
 * per minute): a sliding window per address in the same {@link RateLimiter} as the keys' limits, so it is
 * global across nodes through Redis and per node while Redis is away. A unit is spent before a key lookup
 * (so a forged, well-formed token costs the database at most the budget, across all nodes) and for a
 * failure that needed no lookup (a missing or malformed key). Once a client is over, this node remembers
 * it until the window frees a unit and answers without asking Redis again; one warning per address and
 * window goes to the log (the address, never a token).
 */
public final class FailureBudget {

    private static final Logger LOG = LoggerFactory.getLogger(FailureBudget.class);
    private static final String BUCKET_PREFIX = "authfail:";

    /** Whether a unit was spent, and when the client may try again if not. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, 0);
        /** What to assume if the budget could not be asked (never expected: the limiter does not fail). */
        public static final Verdict ALLOWED_ON_ERROR = ALLOWED;
    }

    private final RateLimiter limiter;
    private final RateLimitPolicy policy;
    private final LongSupplier clockMillis;
    private final Cache<String, Long> blockedUntil;
    private final Cache<String, Boolean> warned;
    private final Counter rejections;

    public FailureBudget(RateLimiter limiter, RateLimitPolicy policy, LongSupplier clockMillis, long maxClients,
                         Counter rejections) {
        this.limiter = limiter;
        this.policy = policy;
        this.clockMillis = clockMillis;
        // Upkeep on the calling event loop, not handed to another thread (see KeyCache).
        this.blockedUntil = Caffeine.newBuilder().maximumSize(maxClients).expireAfterWrite(policy.window())
                .executor(Runnable::run).build();
        this.warned = Caffeine.newBuilder().maximumSize(maxClients).expireAfterWrite(policy.window())
                .executor(Runnable::run).build();
        this.rejections = rejections;
    }

    public RateLimitPolicy policy() {
        return policy;
    }

    /** Spends one unit of {@code client}'s budget (an address in text form). Never fails: Redis trouble is answered locally. */
    public CompletionStage<Verdict> spend(String client) {
        long now = clockMillis.getAsLong();
        Long until = blockedUntil.getIfPresent(client);
        if (until != null && until > now) {
            rejections.increment();
            return CompletableFuture.completedFuture(new Verdict(false, Math.max(1, (until - now + 999) / 1000)));
        }
        return limiter.acquire(BUCKET_PREFIX + client, policy).thenApply(decision -> {
            if (decision.allowed()) {
                return Verdict.ALLOWED;
            }
            rejections.increment();
            blockedUntil.put(client, now + decision.retryAfterSeconds() * 1000);
            if (warned.asMap().putIfAbsent(client, Boolean.TRUE) == null) {
                LOG.warn("Client {} is over its budget of {} failed authentications per {}: answering 429 "
                        + "without key lookups for {} s", client, policy.requests(), describe(policy.window()),
                        decision.retryAfterSeconds());
            }
            return new Verdict(false, decision.retryAfterSeconds());
        });
    }

    private static String describe(Duration window) {
        return window.toSeconds() + " s";
    }
}
