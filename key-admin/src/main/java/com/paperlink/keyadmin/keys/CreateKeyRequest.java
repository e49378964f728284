package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The create body, for the OpenAPI document; {@link KeyRequests} reads and validates the actual JSON. */
@Serdeable
@Schema(name = "CreateKeyRequest")
public record CreateKeyRequest(
        @Schema(description = "1–100 characters after trimming; for your reference only", example = "CRM sync")
        String name,
        @Schema(type = "string", allowableValues = {"live", "test"}, description = "Fixed forever") String mode,
        @Schema(type = "string", allowableValues = {"read_write", "read_only"}, description = "Fixed at creation") String scope,
        @Nullable @Schema(description = "ISO-8601 date-time in the future; the key stops working then",
                example = "2030-01-31T00:00:00Z") String expiresAt,
        @Nullable @Schema(description = "Up to 50 IPv4/IPv6 addresses or CIDR ranges; absent or empty means any",
                example = "[\"203.0.113.0/24\", \"2001:db8::1\"]") List<String> allowedIps,
        @Nullable @Schema(type = "object", description = "The key's own rate limit; absent or null means the gateway's default")
        RateLimit rateLimit,
        @Nullable @Schema(description = "Gateway route names the key may reach (see the gateway's route table, e.g."
                + " products, documents); absent or empty means every route. Unknown names → 400",
                example = "[\"documents\"]") List<String> routes) {
}
