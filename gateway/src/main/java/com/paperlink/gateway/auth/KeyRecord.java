package com.paperlink.gateway.auth;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A key as the keys table holds it, parsed once when loaded (never the token or its hash).
 *
 * @param rateLimitBucket the rate-limit window the key spends: its own id, or the id a roll carried over
 * @param rateLimit       the key's own limit, or {@code null} for the gateway's default
 */
public record KeyRecord(
        String id,
        String teamId,
        KeyMode mode,
        KeyScope scope,
        IpAllowlist allowedIps,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant disabledAt,
        String rateLimitBucket,
        @Nullable KeyRateLimit rateLimit,
        String prefix,
        RouteScope routes) {

    /** What this key means for a request arriving at {@code now}. */
    public AuthResult verify(Instant now) {
        if (revokedAt != null) {
            return AuthResult.rejected(AuthOutcome.REVOKED);
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return AuthResult.rejected(AuthOutcome.EXPIRED);
        }
        if (disabledAt != null) {
            return AuthResult.rejected(AuthOutcome.DISABLED);
        }
        return AuthResult.valid(new AuthenticatedKey(id, teamId, mode, scope, allowedIps, expiresAt, rateLimitBucket,
                rateLimit, prefix, routes));
    }
}
