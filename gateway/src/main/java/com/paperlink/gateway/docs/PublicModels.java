package com.paperlink.gateway.docs;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
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

    @Serdeable
    @Schema(name = "KeyInfo", description = "The calling key. Never the token.", requiredProperties = {"id", "prefix",
            "mode", "scope", "routes", "rateLimit", "expiresAt", "status"})
    record KeyInfo(
            @Schema(example = "key_3kTq9ZbW7mXo2LpA") String id,
            @Schema(example = "pk_live_AbC1", description = "Mode prefix plus the first 4 random characters") String prefix,
            @Schema(example = "live", allowableValues = {"live", "test"}) String mode,
            @Schema(example = "read_write", allowableValues = {"read_write", "read_only"}) String scope,
            @Nullable @ArraySchema(arraySchema = @Schema(nullable = true, description = "Routes the key may reach "
                    + "(names from the gateway's route table); null: every route"),
                    schema = @Schema(example = "documents")) List<String> routes,
            RateLimit rateLimit,
            @Nullable @Schema(nullable = true, format = "date-time", example = "2030-01-31T00:00:00Z",
                    description = "When the key stops working; null: never") String expiresAt,
            @Schema(example = "active", allowableValues = {"active"},
                    description = "Always active: any other key is refused with 401") String status) {
    }

    @Serdeable
    @Schema(name = "RateLimit", description = "The policy the key is counted against",
            requiredProperties = {"requests", "windowSeconds"})
    record RateLimit(@Schema(example = "60") int requests, @Schema(example = "60") int windowSeconds) {
    }
}
