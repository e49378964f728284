package com.paperlink.keyadmin.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paperlink.keys.KeyStatus;
import com.paperlink.keys.RouteScope;
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
        @Schema(type = "string", allowableValues = {"active", "disabled", "revoked", "expired"}) String status,
        Instant createdAt,
        UserRef createdBy,
        @Nullable Instant lastUsedAt,
        @Nullable @Schema(description = "Client address of the latest use (as the gateway saw it, within a minute)",
                example = "203.0.113.7") String lastUsedIp,
        @Nullable Instant expiresAt,
        @Nullable @Schema(description = "Addresses/CIDRs the key may be used from; null means any")
        List<String> allowedIps,
        @Nullable Instant revokedAt,
        @Nullable @Schema(type = "object", description = "Who revoked the key; null while it is not revoked") UserRef revokedBy,
        @Schema(description = "false while the key is disabled (rejected like a revoked key, but reversible)")
        boolean enabled,
        @Nullable @Schema(description = "When the key was disabled; null while enabled") Instant disabledAt,
        @Nullable @Schema(type = "object", description = "The key's own limit; null means the gateway's default")
        RateLimit rateLimit,
        @Nullable @Schema(description = "Id of the key this one was rolled from") String rolledFrom,
        @Nullable @Schema(description = "Id of the key this one was rolled to; it works until expiresAt") String rolledTo,
        @Nullable @Schema(description = "Gateway routes the key may reach (names from the gateway's route table);"
                + " null means every route", example = "[\"documents\"]")
        List<String> routes) {

    public static KeyView of(ApiKeyRow row, Instant now) {
        return new KeyView(row.id(), row.name(), row.prefix(), row.mode(), row.scope(),
                KeyStatus.of(row.revokedAt(), row.expiresAt(), row.disabledAt(), now).wire(), row.createdAt(),
                new UserRef(row.createdById(), row.createdByName()), row.lastUsedAt(), row.lastUsedIp(), row.expiresAt(),
                AllowedIps.fromColumn(row.allowedIps()), row.revokedAt(),
                row.revokedById() == null ? null : new UserRef(row.revokedById(), row.revokedByName()),
                !row.isDisabled(), row.disabledAt(), RateLimit.fromColumns(row.rateLimitRequests(),
                row.rateLimitWindowSeconds()), row.rolledFrom(), row.rolledTo(),
                routesOf(row.routes()));
    }

    private static List<String> routesOf(String column) {
        RouteScope scope = RouteScope.fromColumn(column);
        return scope.isUnrestricted() ? null : scope.names();
    }
}
