package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The failed-authentication budget on the real in-process limiter with a fixed clock. */
class FailureBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final LocalRateLimiter local = new LocalRateLimiter(clock, 1_000);
    private final AtomicInteger asked = new AtomicInteger();
    private final RateLimiter counting = (bucket, policy) -> {
        asked.incrementAndGet();
        return local.acquire(bucket, policy);
    };
    private final Counter rejections = new SimpleMeterRegistry().counter("rejections");
    private final FailureBudget budget = new FailureBudget(counting, new RateLimitPolicy(3, Duration.ofSeconds(60)),
            clock::millis, 1_000, rejections);

    @Test
    void spendsUpToTheBudgetThenRefusesWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(spend("203.0.113.7").allowed()).isTrue();
        }

        FailureBudget.Verdict over = spend("203.0.113.7");

        assertThat(over.allowed()).isFalse();
        assertThat(over.retryAfterSeconds()).isEqualTo(60);
        assertThat(rejections.count()).isEqualTo(1);
    }

    @Test
    void answersAClientKnownToBeOverWithoutAskingTheLimiterAgain() {
        for (int i = 0; i < 4; i++) {
            spend("203.0.113.7");
        }
        int before = asked.get();
        clock.advance(Duration.ofSeconds(20));

        FailureBudget.Verdict again = spend("203.0.113.7");

        assertThat(again.allowed()).isFalse();
        assertThat(again.retryAfterSeconds()).isEqualTo(40);
        assertThat(asked.get()).isEqualTo(before);
    }

    @Test
    void keepsEachClientsBudgetApart() {
        for (int i = 0; i < 4; i++) {
            spend("203.0.113.7");
        }

        assertThat(spend("198.51.100.9").allowed()).isTrue();
    }

    @Test
    void givesTheBudgetBackAsTheWindowSlides() {
        for (int i = 0; i < 4; i++) {
            spend("203.0.113.7");
        }
        clock.advance(Duration.ofSeconds(60));

        assertThat(spend("203.0.113.7").allowed()).isTrue();
    }

    private FailureBudget.Verdict spend(String client) {
        CompletionStage<FailureBudget.Verdict> verdict = budget.spend(client);
        return verdict.toCompletableFuture().join();
    }
}
