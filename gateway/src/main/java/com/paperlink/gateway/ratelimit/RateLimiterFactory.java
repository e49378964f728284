package com.paperlink.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the one injectable {@link RateLimiter} ({@link FallbackRateLimiter}). The Redis limiter is a
 * bean only when {@code redis.uri} is set, and is not itself a {@code RateLimiter}, so injection of
 * {@code RateLimiter} is never ambiguous. The local limiter is not a bean at all.
 */
@Factory
final class RateLimiterFactory {

    @Singleton
    @Requires(property = "redis.uri")
    @Bean(preDestroy = "close")
    RedisRateLimiter redisRateLimiter(RateLimitConfiguration config, @Property(name = "redis.uri") String redisUri) {
        return new RedisRateLimiter(redisUri, config.keyPrefix(), config.redisTimeout());
    }

    @Singleton
    FallbackRateLimiter rateLimiter(RateLimitConfiguration config, @Nullable RedisRateLimiter redis,
                                    @Nullable MeterRegistry registry) {
        return new FallbackRateLimiter(redis, new LocalRateLimiter(Clock.systemUTC(), config.localMaxBuckets()),
                config.redisRetryInterval(), registry == null ? new CompositeMeterRegistry() : registry);
    }
}
