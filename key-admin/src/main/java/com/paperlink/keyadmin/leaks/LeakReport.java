package com.paperlink.keyadmin.leaks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** One reported secret, in the GitHub secret-scanning partner format. */
@Serdeable
@Schema(name = "LeakReport")
public record LeakReport(
        @Schema(description = "The secret as found", example = "pk_live_…") String token,
        @Nullable @Schema(description = "The reporter's name for the kind of secret", example = "paperlink_api_key") String type,
        @Nullable @Schema(description = "Where it was found") String url,
        @Nullable @Schema(description = "Who found it", example = "github") String source) {
}
