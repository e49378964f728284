package com.paperlink.stub.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A document (invoice, quote, contract, datasheet) and the team's products it refers to. Every field is
 * always sent, {@code productIds} as {@code []} when there are none (the public contract requires it).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Document")
public record Document(
        @Schema(example = "doc_X2bq9LmT0aZe") String id,
        @Schema(example = "Quote for Q1 paper supply") String title,
        @Schema(example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
        @Schema(example = "draft", allowableValues = {"draft", "published", "archived"}) String status,
        @ArraySchema(schema = @Schema(example = "prod_7Gq2kX9mTb4w")) List<String> productIds,
        @Schema(example = "2026-11-23T10:00:00Z") String createdAt,
        @Schema(example = "2026-11-23T10:00:00Z") String updatedAt) {
}
