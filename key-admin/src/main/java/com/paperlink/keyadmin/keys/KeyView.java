package com.paperlink.keyadmin.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paperlink.keys.KeyStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The key JSON of SPEC.md. Never the token or its hash; absent values are {@code null}, not omitted. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Key")
public record KeyView(
        String id,
        String name,
        @Schema(description = "Display prefix: mode prefix plus the first 4 random characters", example = "pk_live_AbC1")
        String prefix,
        @Schema(type = "string", allowableValues = {"live", "test"}) String mode,
        @Schema(type = "string", allowableValues = {"read_write", "read_only"}) String scope,
        @Schema(type = "string", allowableValues = {"active", "revoked", "expired"}) String status,
        Instant createdAt,
        UserRef createdBy,
        @Nullable Instant lastUsedAt,
        @Nullable Instant expiresAt,
        @Nullable @Schema(description = "Addresses/CIDRs the key may be used from; null means any")
        List<String> allowedIps,
        @Nullable Instant revokedAt,
        @Nullable @Schema(type = "object", description = "Who revoked the key; null while it is not revoked") UserRef revokedBy) {

    public static KeyView of(ApiKeyRow row, Instant now) {
        return new KeyView(row.id(), row.name(), row.prefix(), row.mode(), row.scope(),
                KeyStatus.of(row.revokedAt(), row.expiresAt(), now).wire(), row.createdAt(),
                new UserRef(row.createdById(), row.createdByName()), row.lastUsedAt(), row.expiresAt(),
                AllowedIps.fromColumn(row.allowedIps()), row.revokedAt(),
                row.revokedById() == null ? null : new UserRef(row.revokedById(), row.revokedByName()));
    }
}
