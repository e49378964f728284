package com.paperlink.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.gateway.testing.MutableClock;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private static final Duration FRESH = Duration.ofSeconds(2);
    private static final Duration MAX_AGE = Duration.ofSeconds(4);
    private static final Duration NEGATIVE = Duration.ofSeconds(2);
    private static final KeyRecord ACTIVE = key(null);
    private static final KeyRecord REVOKED = key(Instant.parse("2026-01-01T00:00:00Z"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final Store store = new Store();
    private final QueuedExecutor executor = new QueuedExecutor();
    private final KeyCache cache = new KeyCache(store, executor, clock, FRESH, MAX_AGE, NEGATIVE, 100);

    @Test
    void loadsAMissOffTheCallerThreadAndServesItFromMemoryWhileFresh() {
        store.key = ACTIVE;
        CompletableFuture<Optional<KeyRecord>> first = cache.get("h1");
        assertThat(first).isNotDone();
        executor.runAll();
        assertThat(first.join()).contains(ACTIVE);

        clock.advance(Duration.ofMillis(1999));
        assertThat(cache.get("h1").join()).contains(ACTIVE);
        assertThat(store.queries.get()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void servesAStaleEntryAtOnceAndReloadsItInTheBackground() {
        warm("h1", ACTIVE);
        store.key = REVOKED;
        clock.advance(Duration.ofSeconds(3));

        assertThat(cache.get("h1").join()).contains(ACTIVE);
        executor.runAll();

        assertThat(cache.get("h1").join()).contains(REVOKED);
        assertThat(store.queries.get()).isEqualTo(2);
    }

    @Test
    void waitsForTheStoreOnceAnEntryIsOlderThanMaxAgeSoRevocationIsBounded() {
        warm("h1", ACTIVE);
        store.key = REVOKED;
        clock.advance(MAX_AGE);

        CompletableFuture<Optional<KeyRecord>> answer = cache.get("h1");
        assertThat(answer).isNotDone();
        executor.runAll();

        assertThat(answer.join()).contains(REVOKED);
    }

    @Test
    void keepsServingACachedKeyWhileTheStoreIsDown() {
        warm("h1", ACTIVE);
        store.down = true;
        clock.advance(Duration.ofMinutes(10));

        CompletableFuture<Optional<KeyRecord>> answer = cache.get("h1");
        executor.runAll();

        assertThat(answer.join()).contains(ACTIVE);
    }

    @Test
    void failsForAnUncachedKeyWhileTheStoreIsDown() {
        store.down = true;
        CompletableFuture<Optional<KeyRecord>> answer = cache.get("h1");
        executor.runAll();

        assertThat(answer).isCompletedExceptionally();
    }

    @Test
    void remembersAnUnknownHashBrieflySoRepeatsDoNotQueryAgain() {
        warm("nobody", null);
        clock.advance(NEGATIVE.minusMillis(1));
        assertThat(cache.get("nobody").join()).isEmpty();
        assertThat(store.queries.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        store.key = ACTIVE;
        CompletableFuture<Optional<KeyRecord>> later = cache.get("nobody");
        executor.runAll();
        assertThat(later.join()).contains(ACTIVE);
        assertThat(store.queries.get()).isEqualTo(2);
    }

    @Test
    void sharesOneQueryBetweenConcurrentMissesOfTheSameHash() {
        store.key = ACTIVE;
        CompletableFuture<Optional<KeyRecord>> first = cache.get("h1");
        CompletableFuture<Optional<KeyRecord>> second = cache.get("h1");
        executor.runAll();

        assertThat(first.join()).contains(ACTIVE);
        assertThat(second.join()).contains(ACTIVE);
        assertThat(store.queries.get()).isEqualTo(1);
    }

    @Test
    void dropsAnInvalidatedKeySoTheNextRequestAsksTheStore() {
        warm("h1", ACTIVE);
        store.key = REVOKED;
        cache.invalidate("h1");

        CompletableFuture<Optional<KeyRecord>> answer = cache.get("h1");
        executor.runAll();

        assertThat(answer.join()).contains(REVOKED);
    }

    @Test
    void shedsLoadWhenTheLookupPoolIsFull() {
        executor.rejecting = true;
        assertThat(cache.get("h1")).isCompletedExceptionally();
        executor.rejecting = false;
        store.key = ACTIVE;
        CompletableFuture<Optional<KeyRecord>> retry = cache.get("h1");
        executor.runAll();
        assertThat(retry.join()).contains(ACTIVE);
    }

    private void warm(String hash, KeyRecord key) {
        store.key = key;
        CompletableFuture<Optional<KeyRecord>> load = cache.get(hash);
        executor.runAll();
        load.join();
    }

    private static KeyRecord key(Instant revokedAt) {
        return new KeyRecord("key_1", "team_1", KeyMode.LIVE, KeyScope.READ_ONLY, IpAllowlist.ANY, null, revokedAt, null, "key_1", null,
                "pk_live_AbC1",
                RouteScope.ALL);
    }

    /** The keys table: one answer for every hash, counted. */
    @Test
    void remembersAtMostMaxEntriesUnknownHashesWhateverIsSent() {
        KeyCache small = new KeyCache(store, Runnable::run, clock, FRESH, MAX_AGE, NEGATIVE, 1_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(small.get("forged-" + i).join()).isEmpty();
        }

        assertThat(small.unknownSize()).isLessThanOrEqualTo(1_000);
        assertThat(store.queries.get()).isEqualTo(100_000);
    }

    @Test
    void holdsAKeyOrARememberedUnknownHashButNothingElse() {
        warm("h1", ACTIVE);
        store.key = null;
        cache.get("unknown");
        executor.runAll();

        assertThat(cache.holds("h1")).isTrue();
        assertThat(cache.holds("unknown")).isTrue();
        assertThat(cache.holds("never-seen")).isFalse();
        clock.advance(NEGATIVE);
        assertThat(cache.holds("unknown")).as("forgotten after negative-for").isFalse();
    }

    private static final class Store implements KeyLookup {
        volatile KeyRecord key;
        volatile boolean down;
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public Optional<KeyRecord> findByTokenHash(String tokenHash) {
            queries.incrementAndGet();
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return Optional.ofNullable(key);
        }
    }

    /** Runs tasks only when the test says so, to observe what callers get before a load finishes. */
    private static final class QueuedExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();
        volatile boolean rejecting;

        @Override
        public void execute(Runnable task) {
            if (rejecting) {
                throw new RejectedExecutionException("full");
            }
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }

        int pending() {
            return tasks.size();
        }
    }
}
