package com.paperlink.gateway.ratelimit;

import com.paperlink.gateway.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalRateLimiterTest {

    private static final RateLimitPolicy FIVE_PER_MINUTE = new RateLimitPolicy(5, Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final LocalRateLimiter limiter = new LocalRateLimiter(clock, 1_000, Runnable::run);

    @Test
    void shouldKeepBucketsApart() {
        for (int i = 0; i < 5; i++) {
            limiter.decide("key_a", FIVE_PER_MINUTE);
        }

        assertThat(limiter.decide("key_a", FIVE_PER_MINUTE).allowed()).isFalse();
        assertThat(limiter.decide("key_b", FIVE_PER_MINUTE).allowed()).isTrue();
    }

    @Test
    void shouldAnswerWithAnAlreadyCompletedStage() {
        RateLimitDecision decision = limiter.acquire("key_a", FIVE_PER_MINUTE).toCompletableFuture().getNow(null);

        assertThat(decision).isEqualTo(new RateLimitDecision(true, 5, 4, 1_704_067_260L, 0));
    }

    @ParameterizedTest(name = "{0} threads x {1} requests on limit {2}")
    @CsvSource({"8, 100, 50", "4, 250, 1", "8, 50, 400"})
    void shouldNeverAcceptMoreThanTheLimitFromConcurrentThreads(int threads, int perThread, int limit)
            throws Exception {
        RateLimitPolicy policy = new RateLimitPolicy(limit, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                start.await();
                int allowed = 0;
                for (int i = 0; i < perThread; i++) {
                    // A moving clock too, so entries differ in time and old ones are evicted concurrently.
                    clock.advance(Duration.ofNanos(1_000));
                    allowed += limiter.decide("shared", policy).allowed() ? 1 : 0;
                }
                return allowed;
            });
        }
        List<Future<Integer>> results = new ArrayList<>();
        workers.forEach(worker -> results.add(pool.submit(worker)));
        start.countDown();
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(Math.min(limit, threads * perThread));
    }

    @Test
    void shouldForgetABucketAfterOneIdleWindowWithoutChangingDecisions() {
        for (int i = 0; i < 5; i++) {
            limiter.decide("key_a", FIVE_PER_MINUTE);
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.decide("key_a", FIVE_PER_MINUTE).allowed()).isFalse();
        assertThat(limiter.bucketCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));

        assertThat(limiter.bucketCount()).isZero();
        assertThat(limiter.decide("key_a", FIVE_PER_MINUTE).remaining()).isEqualTo(4);
    }

    @Test
    void shouldKeepNoMoreBucketsThanTheCap() {
        LocalRateLimiter small = new LocalRateLimiter(clock, 10, Runnable::run);
        for (int i = 0; i < 100; i++) {
            small.decide("key_" + i, FIVE_PER_MINUTE);
        }

        assertThat(small.bucketCount()).isLessThanOrEqualTo(10);
    }
}
