package com.paperlink.stub.documents;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documents the create/PATCH body for the generated OpenAPI; see {@link DocumentRules} for the rules. */
@Serdeable
@Schema(name = "DocumentInput", description = "On create title and kind are required; PATCH sends any subset.")
public record DocumentInput(
        @Schema(example = "Quote for Q1 paper supply", maxLength = 200) String title,
        @Schema(example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
        @Schema(example = "draft", allowableValues = {"draft", "published", "archived"}, defaultValue = "draft") String status,
        @ArraySchema(maxItems = 50, schema = @Schema(description = "Ids of this team's products")) List<String> productIds) {
}
