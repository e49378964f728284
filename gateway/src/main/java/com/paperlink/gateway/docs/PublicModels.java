package com.paperlink.gateway.docs;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The public JSON shapes, for the generated document only: the gateway streams upstream bodies
 * and never builds these. Kept in one file so the contract reads in one place.
 */
final class PublicModels {

    private PublicModels() {
    }

    @Serdeable
    @Schema(name = "Product")
    record Product(
            @Schema(example = "prod_7Gq2kX9mTb4w") String id,
            @Schema(example = "Recycled paper A4, 500 sheets") String name,
            @Schema(example = "PAP-A4-500") String sku,
            @Schema(example = "6.90", description = "Decimal string with two decimals") String price,
            @Schema(example = "EUR", description = "ISO 4217 code") String currency,
            @Schema(example = "120") int stock,
            @Schema(example = "2026-11-23T10:00:00Z", format = "date-time") String createdAt,
            @Schema(example = "2026-11-23T10:00:00Z", format = "date-time") String updatedAt) {
    }

    @Serdeable
    @Schema(name = "ProductInput", description = "On create name, sku and price are required; PATCH sends any subset.")
    record ProductInput(
            @Schema(example = "Recycled paper A4, 500 sheets", maxLength = 200) String name,
            @Schema(example = "PAP-A4-500", pattern = "^[A-Za-z0-9._-]{1,64}$") String sku,
            @Schema(example = "6.90", description = "Decimal string or number, at most two decimals, >= 0") String price,
            @Schema(example = "EUR", pattern = "^[A-Z]{3}$", defaultValue = "EUR") String currency,
            @Schema(example = "120", minimum = "0", maximum = "1000000", defaultValue = "0") Integer stock) {
    }

    @Serdeable
    @Schema(name = "ProductPage")
    record ProductPage(List<Product> data,
                       @Schema(example = "3", description = "Products in all pages") int total,
                       @Schema(example = "1") int page, @Schema(example = "20") int size,
                       @Schema(example = "0") int offset) {
    }

    @Serdeable
    @Schema(name = "Document")
    record Document(
            @Schema(example = "doc_X2bq9LmT0aZe") String id,
            @Schema(example = "Quote for Q1 paper supply") String title,
            @Schema(example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
            @Schema(example = "draft", allowableValues = {"draft", "published", "archived"}) String status,
            @ArraySchema(schema = @Schema(example = "prod_7Gq2kX9mTb4w")) List<String> productIds,
            @Schema(example = "2026-11-23T10:00:00Z", format = "date-time") String createdAt,
            @Schema(example = "2026-11-23T10:00:00Z", format = "date-time") String updatedAt) {
    }

    @Serdeable
    @Schema(name = "DocumentInput", description = "On create title and kind are required; PATCH sends any subset.")
    record DocumentInput(
            @Schema(example = "Quote for Q1 paper supply", maxLength = 200) String title,
            @Schema(example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
            @Schema(example = "draft", allowableValues = {"draft", "published", "archived"}) String status,
            @ArraySchema(maxItems = 50, schema = @Schema(description = "Ids of your team's products")) List<String> productIds) {
    }

    @Serdeable
    @Schema(name = "DocumentPage")
    record DocumentPage(List<Document> data, @Schema(example = "2") int total, @Schema(example = "1") int page,
                        @Schema(example = "20") int size, @Schema(example = "0") int offset) {
    }
}
