package com.paperlink.keyadmin.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The create response: the key JSON plus the raw {@code token} (shown this once) and a ready {@code curlExample}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CreatedKey")
public record CreatedKeyView(
        String id,
        String name,
        String prefix,
        String mode,
        String scope,
        String status,
        Instant createdAt,
        UserRef createdBy,
        @Nullable Instant lastUsedAt,
        @Nullable Instant expiresAt,
        @Nullable List<String> allowedIps,
        @Nullable Instant revokedAt,
        @Nullable @Schema(type = "object", description = "Who revoked the key; null while it is not revoked") UserRef revokedBy,
        boolean enabled,
        @Nullable Instant disabledAt,
        @Nullable @Schema(type = "object", description = "The key's own limit; null means the gateway's default")
        RateLimit rateLimit,
        @Nullable String rolledFrom,
        @Nullable String rolledTo,
        @Nullable @Schema(description = "Gateway routes the key may reach; null means every route",
                example = "[\"documents\"]") List<String> routes,
        @Schema(description = "The API key. Returned only in this response; store it now.") String token,
        @Schema(description = "A ready cURL line for GET /api/v1/products with this key (for a route-scoped key,"
                + " its first route's path)") String curlExample) {

    static CreatedKeyView of(KeyView key, String token, String curlExample) {
        return new CreatedKeyView(key.id(), key.name(), key.prefix(), key.mode(), key.scope(), key.status(),
                key.createdAt(), key.createdBy(), key.lastUsedAt(), key.expiresAt(), key.allowedIps(), key.revokedAt(),
                key.revokedBy(), key.enabled(), key.disabledAt(), key.rateLimit(), key.rolledFrom(), key.rolledTo(),
                key.routes(), token, curlExample);
    }

    /** Never print the token, even by accident. */
    @Override
    public String toString() {
        return "CreatedKeyView[id=" + id + ", prefix=" + prefix + "]";
    }
}
