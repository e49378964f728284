package com.paperlink.keyadmin.leaks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer for one reported secret, in the partner format: a key of ours (now revoked) or not. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "LeakLabel")
public record LeakLabel(
        @JsonProperty("token_raw") @Schema(name = "token_raw", description = "The token as reported") String tokenRaw,
        @JsonProperty("token_type") @Nullable @Schema(name = "token_type", description = "The type as reported") String tokenType,
        @Schema(type = "string", allowableValues = {"true_positive", "false_positive"},
                description = "true_positive: a key of ours, revoked now (or already); false_positive: not one of ours")
        String label) {

    static final String TRUE_POSITIVE = "true_positive";
    static final String FALSE_POSITIVE = "false_positive";
}
