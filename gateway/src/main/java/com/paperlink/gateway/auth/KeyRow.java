package com.paperlink.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The columns of {@code api_key} that authentication needs (key-admin owns the table). */
@MappedEntity("api_key")
public record KeyRow(
        @Id String id,
        String teamId,
        String tokenHash,
        String mode,
        String scope,
        @Nullable String allowedIps,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant disabledAt,
        @Nullable String rateLimitBucket,
        @Nullable Integer rateLimitRequests,
        @Nullable Integer rateLimitWindowSeconds,
        String prefix,
        @Nullable String routes) {
}
