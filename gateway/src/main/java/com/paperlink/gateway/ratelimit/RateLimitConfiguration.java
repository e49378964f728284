package com.paperlink.gateway.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gateway.rate-limit.*}. Created eagerly ({@link Context}) so a bad value stops start-up
 * with a message naming the key, instead of failing on the first request.
 *
 * @param requests           default requests per window (1..1,000,000)
 * @param window             default window (1s..1h)
 * @param keyPrefix          Redis key prefix; no braces, they would break the cluster hash tag
 * @param redisTimeout       how long a request waits for Redis before answering locally (10ms..10s)
 * @param redisRetryInterval after a Redis failure, how long to answer locally before probing Redis again (10ms..1m)
 * @param localMaxBuckets    most buckets the in-process limiter keeps (1..10,000,000)
 */
@Context
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitConfiguration(
        @Bindable(defaultValue = "60") int requests,
        @Bindable(defaultValue = "60s") Duration window,
        @Bindable(defaultValue = "paperlink:rl:") String keyPrefix,
        @Bindable(defaultValue = "250ms") Duration redisTimeout,
        @Bindable(defaultValue = "1s") Duration redisRetryInterval,
        @Bindable(defaultValue = "100000") long localMaxBuckets) {

    private static final String PREFIX = "gateway.rate-limit.";

    public RateLimitConfiguration {
        check(requests >= 1 && requests <= 1_000_000, "requests", "between 1 and 1000000", requests);
        checkDuration(window, "window", Duration.ofSeconds(1), Duration.ofHours(1));
        check(keyPrefix != null && !keyPrefix.isBlank() && keyPrefix.indexOf('{') < 0 && keyPrefix.indexOf('}') < 0,
                "key-prefix", "non-blank without '{' or '}'", keyPrefix);
        checkDuration(redisTimeout, "redis-timeout", Duration.ofMillis(10), Duration.ofSeconds(10));
        checkDuration(redisRetryInterval, "redis-retry-interval", Duration.ofMillis(10), Duration.ofMinutes(1));
        check(localMaxBuckets >= 1 && localMaxBuckets <= 10_000_000, "local-max-buckets", "between 1 and 10000000",
                localMaxBuckets);
    }

    /** The policy for keys without their own limit. */
    public RateLimitPolicy defaultPolicy() {
        return new RateLimitPolicy(requests, window);
    }

    private static void checkDuration(Duration value, String key, Duration min, Duration max) {
        check(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0, key,
                "between " + min.toString().substring(2).toLowerCase() + " and " + max.toString().substring(2).toLowerCase(),
                value == null ? null : value.toString().substring(2).toLowerCase());
    }

    private static void check(boolean valid, String key, String rule, Object actual) {
        if (!valid) {
            throw new ConfigurationException("Invalid configuration: " + PREFIX + key + " must be " + rule
                    + ", was " + actual);
        }
    }
}
