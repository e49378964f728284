package com.paperlink.gateway.ratelimit;

import com.paperlink.gateway.redis.RedisSettings;
import com.paperlink.keys.RedisTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the one injectable {@link RateLimiter} ({@link FallbackRateLimiter}). The Redis limiter is a
 * bean only when Redis is configured ({@code redis.uri} or {@code paperlink.redis.cluster-nodes}), and is not itself a {@code RateLimiter}, so injection of
 * {@code RateLimiter} is never ambiguous. The local limiter is not a bean at all.
 */
@Factory
final class RateLimiterFactory {

    @Singleton
    @Requires(condition = RedisSettings.class)
    @Bean(preDestroy = "close")
    RedisRateLimiter redisRateLimiter(RateLimitConfiguration config,
                                      @Nullable @Property(name = RedisTarget.URI_PROPERTY) String redisUri,
                                      @Nullable @Property(name = RedisTarget.CLUSTER_NODES_PROPERTY) String clusterNodes) {
        return new RedisRateLimiter(RedisSettings.read(redisUri, clusterNodes).orElseThrow(), config.keyPrefix(),
                config.redisTimeout());
    }

    /** {@code gateway.auth.failure-budget} failed authentications per {@code gateway.auth.failure-window} and client. */
    @Singleton
    FailureBudget failureBudget(FallbackRateLimiter limiter, RateLimitConfiguration config,
                                @Property(name = "gateway.auth.failure-budget", defaultValue = "100") int budget,
                                @Property(name = "gateway.auth.failure-window", defaultValue = "60s") Duration window,
                                @Nullable MeterRegistry registry) {
        if (budget < 1 || budget > 1_000_000) {
            throw new ConfigurationException("Invalid configuration: gateway.auth.failure-budget must be between 1 and "
                    + "1000000, was " + budget);
        }
        if (window.toSeconds() < 1 || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException("Invalid configuration: gateway.auth.failure-window must be between 1s "
                    + "and 1h, was " + window);
        }
        MeterRegistry meters = registry == null ? new CompositeMeterRegistry() : registry;
        return new FailureBudget(limiter, new RateLimitPolicy(budget, window), System::currentTimeMillis,
                config.localMaxBuckets(), Counter.builder("paperlink.auth.budget.rejections")
                        .description("Requests answered 429 too_many_failed_authentications").register(meters));
    }

    @Singleton
    FallbackRateLimiter rateLimiter(RateLimitConfiguration config, @Nullable RedisRateLimiter redis,
                                    @Nullable MeterRegistry registry) {
        return new FallbackRateLimiter(redis, new LocalRateLimiter(Clock.systemUTC(), config.localMaxBuckets()),
                config.redisRetryInterval(), registry == null ? new CompositeMeterRegistry() : registry);
    }
}
