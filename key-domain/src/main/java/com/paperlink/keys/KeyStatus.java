package com.paperlink.keys;

import java.time.Instant;

/** A key's status as shown to admins; derived from its columns, never stored. */
public enum KeyStatus {
    ACTIVE("active"),
    REVOKED("revoked"),
    EXPIRED("expired"),
    /** Switched off by an admin; reversible, and still counts towards the team's active-key limit. */
    DISABLED("disabled");

    private final String wire;

    KeyStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Revoked wins over expired: an admin wants to see that someone revoked it. */
    public static KeyStatus of(Instant revokedAt, Instant expiresAt, Instant now) {
        return of(revokedAt, expiresAt, null, now);
    }

    /** Revoked, then expired (both final unless changed), then disabled (reversible), then active. */
    public static KeyStatus of(Instant revokedAt, Instant expiresAt, Instant disabledAt, Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return EXPIRED;
        }
        if (disabledAt != null) {
            return DISABLED;
        }
        return ACTIVE;
    }
}
