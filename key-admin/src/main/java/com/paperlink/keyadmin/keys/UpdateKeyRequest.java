package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The PATCH body, for the OpenAPI document: any of the fields; {@code expiresAt: null} removes the
 * expiry, {@code allowedIps: null} or {@code []} allows any address, {@code routes: null} or {@code []} every
 * route, {@code rateLimit: null} restores the gateway's default, {@code enabled} disables or enables the key.
 * {@code mode} and {@code scope}
 * are rejected with 400.
 */
@Serdeable
@Schema(name = "UpdateKeyRequest")
public record UpdateKeyRequest(
        @Nullable @Schema(description = "1–100 characters after trimming") String name,
        @Nullable @Schema(description = "ISO-8601 date-time in the future, or null to remove the expiry") String expiresAt,
        @Nullable @Schema(description = "Up to 50 IPv4/IPv6 addresses or CIDR ranges; null or [] means any")
        List<String> allowedIps,
        @Nullable @Schema(description = "false disables the key (rejected like a revoked one, reversible); true enables it")
        Boolean enabled,
        @Nullable @Schema(type = "object", description = "The key's own rate limit, or null for the gateway's default; "
                + "a rolled pair shares one limit") RateLimit rateLimit,
        @Nullable @Schema(description = "Gateway route names the key may reach; null or [] means every route."
                + " Unknown names → 400. Gateways enforce a change within seconds", example = "[\"documents\"]")
        List<String> routes) {
}
