package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "revoked={0} expires={1} disabled={2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "-,                    -,                    -,                    ACTIVE",
            "-,                    2026-11-27T12:00:01Z, -,                    ACTIVE",
            "-,                    2026-11-27T12:00:00Z, -,                    EXPIRED",
            "-,                    -,                    2026-11-27T11:00:00Z, DISABLED",
            "-,                    2026-11-28T00:00:00Z, 2026-11-27T11:00:00Z, DISABLED",
            "-,                    2026-11-27T11:00:00Z, 2026-11-27T11:00:00Z, EXPIRED",
            "2026-11-27T10:00:00Z, 2026-11-27T11:00:00Z, 2026-11-27T11:00:00Z, REVOKED",
            "2026-11-27T10:00:00Z, -,                    -,                    REVOKED"})
    void derivesTheStatusShownToAdmins(Instant revokedAt, Instant expiresAt, Instant disabledAt, KeyStatus expected) {
        assertThat(KeyStatus.of(revokedAt, expiresAt, disabledAt, NOW)).isEqualTo(expected);
    }
}
