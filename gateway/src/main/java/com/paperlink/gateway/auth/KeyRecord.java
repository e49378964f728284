package com.paperlink.gateway.auth;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A key as the keys table holds it, parsed once when loaded (never the token or its hash). */
public record KeyRecord(
        String id,
        String teamId,
        KeyMode mode,
        KeyScope scope,
        IpAllowlist allowedIps,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
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
        return AuthResult.valid(new AuthenticatedKey(id, teamId, mode, scope, allowedIps, expiresAt, id, prefix,
                routes));
    }
}
