package com.paperlink.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachingKeyAuthenticatorTest {

    private static final String VALID = ApiKeyToken.generate(KeyMode.LIVE).reveal();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private final AtomicInteger queries = new AtomicInteger();
    private volatile Optional<KeyRecord> stored = Optional.empty();
    private final KeyCache cache = new KeyCache(hash -> {
        queries.incrementAndGet();
        return stored;
    }, Runnable::run, CLOCK, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2), 100);
    private final CachingKeyAuthenticator authenticator = new CachingKeyAuthenticator(cache, CLOCK);

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Token abc", "pk_live_x"})
    void treatsAnAbsentOrNonBearerHeaderAsMissing(String header) {
        assertThat(outcome(header)).isEqualTo(AuthOutcome.MISSING);
        assertThat(queries).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pk_live_short", "sk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "pk_prod_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "pk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "pk_live_ääääääääääääääääääääääääääääääääää", "eyJhbGciOiJIUzI1NiJ9.e30.x",
            "pk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nX-Evil: 1"})
    void rejectsGarbageAndChecksumFailuresWithoutTouchingStorage(String token) {
        assertThat(outcome("Bearer " + token)).isEqualTo(AuthOutcome.MALFORMED);
        assertThat(queries).hasValue(0);
    }

    @Test
    void rejectsATokenWithOneCharacterChangedWithoutTouchingStorage() {
        char last = VALID.charAt(VALID.length() - 1);
        String typo = VALID.substring(0, VALID.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(outcome("Bearer " + typo)).isEqualTo(AuthOutcome.MALFORMED);
        assertThat(queries).hasValue(0);
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        stored = Optional.of(record(null, null));
        assertThat(outcome("bearer " + VALID)).isEqualTo(AuthOutcome.VALID);
    }

    @Test
    void answersUnknownForAWellFormedTokenWithoutAKey() {
        assertThat(outcome("Bearer " + VALID)).isEqualTo(AuthOutcome.UNKNOWN);
        assertThat(queries).hasValue(1);
    }

    @Test
    void answersRevokedAndExpiredFromTheKeysOwnState() {
        stored = Optional.of(record(Instant.parse("2026-11-01T00:00:00Z"), null));
        assertThat(outcome("Bearer " + VALID)).isEqualTo(AuthOutcome.REVOKED);

        cache.invalidateAll();
        stored = Optional.of(record(null, CLOCK.instant()));
        assertThat(outcome("Bearer " + VALID)).isEqualTo(AuthOutcome.EXPIRED);
    }

    @Test
    void aRequestJoiningALookupAlreadyRunningNeedsNoLookupOfItsOwn() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            KeyCache slow = new KeyCache(hash -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(record(null, null));
            }, executor, CLOCK, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2), 100);
            CachingKeyAuthenticator joining = new CachingKeyAuthenticator(slow, CLOCK);
            KeyAuthenticator.Credential credential = joining.read("Bearer " + VALID);

            assertThat(joining.needsLookup(credential)).as("nothing cached, nothing running").isTrue();
            var first = joining.authenticate(credential).toCompletableFuture();
            assertThat(joining.needsLookup(credential)).as("the first request's lookup is running").isFalse();

            release.countDown();
            assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(AuthOutcome.VALID);
            assertThat(joining.needsLookup(credential)).as("held now").isFalse();
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void answersUnavailableWhenTheStoreFailsForAnUncachedKey() {
        KeyCache broken = new KeyCache(hash -> {
            throw new IllegalStateException("connection refused");
        }, Runnable::run, CLOCK, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2), 100);

        AuthResult result = new CachingKeyAuthenticator(broken, CLOCK).authenticate("Bearer " + VALID)
                .toCompletableFuture().join();

        assertThat(result.outcome()).isEqualTo(AuthOutcome.UNAVAILABLE);
    }

    private AuthOutcome outcome(String header) {
        return authenticator.authenticate(header).toCompletableFuture().join().outcome();
    }

    private static KeyRecord record(Instant revokedAt, Instant expiresAt) {
        return new KeyRecord("key_1", "team_1", KeyMode.LIVE, KeyScope.READ_WRITE, IpAllowlist.ANY, expiresAt, revokedAt,
                null, "key_1", null, "pk_live_AbC1", RouteScope.ALL);
    }
}
