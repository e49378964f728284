package com.paperlink.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gateway.auth.*}: how long keys are trusted from memory. {@code maxAge} bounds how late a
 * revocation is noticed without Redis (SPEC: within 5 s), so it may not exceed 4 s.
 *
 * @param freshFor       served from memory without any check (0..maxAge)
 * @param maxAge         older entries wait for a reload (100ms..4s)
 * @param negativeFor    how long an unknown token hash is remembered (0..1m)
 * @param maxKeys        most keys kept in memory (1..10,000,000)
 * @param lookupThreads  concurrent database lookups (1..64); more misses than this queue up to
 * @param lookupQueue    this many (then 503 auth_unavailable instead of piling onto the database)
 */
@Context
@ConfigurationProperties("gateway.auth")
public record AuthConfiguration(
        @Bindable(defaultValue = "2s") Duration freshFor,
        @Bindable(defaultValue = "4s") Duration maxAge,
        @Bindable(defaultValue = "2s") Duration negativeFor,
        @Bindable(defaultValue = "100000") long maxKeys,
        @Bindable(defaultValue = "4") int lookupThreads,
        @Bindable(defaultValue = "1000") int lookupQueue) {

    public AuthConfiguration {
        check(maxAge != null && maxAge.compareTo(Duration.ofMillis(100)) >= 0
                && maxAge.compareTo(Duration.ofSeconds(4)) <= 0, "max-age", "between 100ms and 4s", maxAge);
        check(freshFor != null && !freshFor.isNegative() && freshFor.compareTo(maxAge) <= 0, "fresh-for",
                "between 0 and max-age", freshFor);
        check(negativeFor != null && !negativeFor.isNegative() && negativeFor.compareTo(Duration.ofMinutes(1)) <= 0,
                "negative-for", "between 0 and 1m", negativeFor);
        check(maxKeys >= 1 && maxKeys <= 10_000_000, "max-keys", "between 1 and 10000000", maxKeys);
        check(lookupThreads >= 1 && lookupThreads <= 64, "lookup-threads", "between 1 and 64", lookupThreads);
        check(lookupQueue >= 1 && lookupQueue <= 1_000_000, "lookup-queue", "between 1 and 1000000", lookupQueue);
    }

    private static void check(boolean valid, String key, String rule, Object actual) {
        if (!valid) {
            throw new ConfigurationException("Invalid configuration: gateway.auth." + key + " must be " + rule
                    + ", was " + actual);
        }
    }
}
