package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The roll body, for the OpenAPI document; {@link KeyRequests} reads and validates the actual JSON. */
@Serdeable
@Schema(name = "RollKeyRequest")
public record RollKeyRequest(
        @Nullable @Schema(description = "How long the old key keeps working, in seconds (0 = stops at once)",
                minimum = "0", maximum = "604800", defaultValue = "86400", example = "3600")
        Integer gracePeriodSeconds) {
}
