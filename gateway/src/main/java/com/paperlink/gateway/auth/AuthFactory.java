package com.paperlink.gateway.auth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires the key cache, its bounded lookup pool (JDBC never runs on the event loop) and the authenticator. */
@Factory
final class AuthFactory {

    @Singleton
    @Named("key-lookup")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService keyLookupExecutor(AuthConfiguration config) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(config.lookupThreads(), config.lookupThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.lookupQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "key-lookup-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Singleton
    KeyCache keyCache(KeyRepository repository, @Named("key-lookup") ExecutorService executor, AuthConfiguration config,
                      @Nullable MeterRegistry registry) {
        KeyCache cache = new KeyCache(new JdbcKeyLookup(repository), executor, Clock.systemUTC(), config.freshFor(),
                config.maxAge(), config.negativeFor(), config.maxKeys());
        if (registry != null) {
            Gauge.builder("paperlink.auth.cached.keys", cache, KeyCache::size).register(registry);
            Gauge.builder("paperlink.auth.unknown.keys", cache, KeyCache::unknownSize)
                    .description("Unknown token hashes remembered (bounded by gateway.auth.max-keys)").register(registry);
            if (executor instanceof ThreadPoolExecutor pool) {
                Gauge.builder("paperlink.auth.lookup.queue", pool, p -> p.getQueue().size())
                        .description("Key lookups waiting for a database connection (bounded by gateway.auth.lookup-queue)")
                        .register(registry);
            }
        }
        return cache;
    }

    @Singleton
    KeyAuthenticator keyAuthenticator(KeyCache cache, Clock clock) {
        return new CachingKeyAuthenticator(cache, clock);
    }

    /**
     * The clock a key's expiry (and a rolled key's grace period) is judged by. Secondary, so a test can register
     * its own clock to move time forward.
     */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
