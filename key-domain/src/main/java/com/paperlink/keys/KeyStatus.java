package com.paperlink.keys;

import java.time.Instant;

/** A key's status as shown to admins; derived from its columns, never stored. */
public enum KeyStatus {
    ACTIVE("active"),
    REVOKED("revoked"),
    EXPIRED("expired");

    private final String wire;

    KeyStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Revoked wins over expired: an admin wants to see that someone revoked it. */
    public static KeyStatus of(Instant revokedAt, Instant expiresAt, Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return EXPIRED;
        }
        return ACTIVE;
    }
}
