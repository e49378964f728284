package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of {@code api_key} (schema in key-domain's V1 migration). Holds the token's hash, never the token. */
@MappedEntity("api_key")
public record ApiKeyRow(
        @Id String id,
        String teamId,
        String name,
        String prefix,
        String tokenHash,
        String mode,
        String scope,
        String createdById,
        String createdByName,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable String lastUsedIp,
        @Nullable Instant expiresAt,
        @Nullable String allowedIps,
        @Nullable Instant revokedAt,
        @Nullable String revokedById,
        @Nullable String revokedByName,
        @Nullable String rateLimitBucket,
        @Nullable Integer rateLimitRequests,
        @Nullable Integer rateLimitWindowSeconds,
        @Nullable Instant disabledAt,
        @Nullable String rolledFrom,
        @Nullable String rolledTo,
        @Nullable String routes) {

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    /** The rate-limit window this key spends at the gateway: its own id unless a roll carried one over. */
    public String bucket() {
        return rateLimitBucket == null ? id : rateLimitBucket;
    }
}
