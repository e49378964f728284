package com.paperlink.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A key's lifecycle columns → what a request gets: the outcome, the bucket it spends and its own limit. */
class KeyRecordTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "revoked={0} expires={1} disabled={2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "-,                    -,                    -,                    VALID",
            "-,                    2026-11-27T12:00:00.001Z, -,                VALID",
            "-,                    2026-11-27T12:00:00Z, -,                    EXPIRED",
            "-,                    -,                    2026-11-27T11:00:00Z, DISABLED",
            "-,                    2026-11-27T11:00:00Z, 2026-11-27T11:00:00Z, EXPIRED",
            "2026-11-27T10:00:00Z, -,                    2026-11-27T11:00:00Z, REVOKED"})
    void verifiesTheKeysStateAtTheRequestsInstant(Instant revokedAt, Instant expiresAt, Instant disabledAt,
                                                  AuthOutcome expected) {
        KeyRecord key = new KeyRecord("key_1", "team_1", KeyMode.LIVE, KeyScope.READ_WRITE, IpAllowlist.ANY, expiresAt,
                revokedAt, disabledAt, "key_1", null, "pk_live_AbC1", RouteScope.ALL);

        assertThat(key.verify(NOW).outcome()).isEqualTo(expected);
    }

    @Test
    void aValidKeyCarriesItsBucketAndItsOwnLimitToThePipeline() {
        KeyRateLimit limit = new KeyRateLimit(5, 10);
        KeyRecord successor = new KeyRecord("key_2", "team_1", KeyMode.LIVE, KeyScope.READ_WRITE, IpAllowlist.ANY, null,
                null, null, "key_1", limit, "pk_live_AbC2", RouteScope.ALL);

        AuthenticatedKey key = successor.verify(NOW).key();

        assertThat(key.id()).isEqualTo("key_2");
        assertThat(key.rateLimitBucket()).isEqualTo("key_1");
        assertThat(key.rateLimit()).isEqualTo(limit);
    }

    @ParameterizedTest(name = "bucket={0} requests={1} window={2} → bucket {3}, limit {4}/{5}")
    @CsvSource(nullValues = "-", value = {
            "-,     -,      -,    key_1, -, -",
            "'',    -,      -,    key_1, -, -",
            "key_0, -,      -,    key_0, -, -",
            "key_0, 5,      10,   key_0, 5, 10",
            "-,     100000, 3600, key_1, 100000, 3600",
            "-,     5,      -,    key_1, -, -",
            "-,     -,      10,   key_1, -, -",
            "-,     0,      10,   key_1, -, -",
            "-,     5,      3601, key_1, -, -"})
    void readsTheBucketAndLimitColumnsFallingBackToTheKeyAndTheDefault(String bucket, Integer requests, Integer window,
                                                                      String expectedBucket, Integer expectedRequests,
                                                                      Integer expectedWindow) {
        KeyRow row = new KeyRow("key_1", "team_1", "hash", "live", "read_only", null, null, null, null, bucket,
                requests, window, "pk_live_AbC1", null);

        KeyRecord key = JdbcKeyLookup.toRecord(row).orElseThrow();

        assertThat(key.rateLimitBucket()).isEqualTo(expectedBucket);
        assertThat(key.rateLimit()).isEqualTo(expectedRequests == null ? null
                : new KeyRateLimit(expectedRequests, expectedWindow));
    }

    @Test
    void aLimitOutOfRangeCannotBeBuilt() {
        assertThatThrownBy(() -> new KeyRateLimit(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRateLimit(5, 3601)).isInstanceOf(IllegalArgumentException.class);
    }
}
