package com.paperlink.gateway.docs;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

import java.util.List;

/**
 * The public JSON shapes, for the generated document only: the gateway streams upstream bodies
 * and never builds these. Kept in one file so the contract reads in one place. Each shape says
 * exactly what the services accept and return: required lists match their validation (create
 * and update inputs differ), patterns and bounds match their rules, and inputs refuse unknown
 * fields (the services answer 400 naming the field).
 */
final class PublicModels {

    static final String ID = "^[A-Za-z0-9_-]{1,64}$";
    static final String PRICE = "^\\d{1,9}\\.\\d{2}$";
    static final String PRICE_INPUT = "^\\d{1,9}(\\.\\d{1,2})?$";
    static final String SKU = "^[A-Za-z0-9._-]{1,64}$";
    static final String CURRENCY = "^[A-Z]{3}$";
    static final String TIME = "2026-11-23T10:00:00Z";

    private PublicModels() {
    }

    @Serdeable
    @Schema(name = "Product", additionalProperties = AdditionalPropertiesValue.FALSE)
    record Product(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "prod_7Gq2kX9mTb4w", pattern = ID) String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Recycled paper A4, 500 sheets", minLength = 1, maxLength = 200) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "PAP-A4-500", pattern = SKU) String sku,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "6.90", pattern = PRICE,
                    description = "Decimal string with exactly two decimals, so no client turns money into a float") String price,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "EUR", pattern = CURRENCY, description = "ISO 4217 code") String currency,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "120", minimum = "0", maximum = "1000000") int stock,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = TIME, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = TIME, format = "date-time") String updatedAt) {
    }

    @Serdeable
    @Schema(name = "ProductCreate", additionalProperties = AdditionalPropertiesValue.FALSE,
            description = "A new product: name, sku and price are required.")
    record ProductCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Recycled paper A4, 500 sheets", minLength = 1, maxLength = 200,
                    description = "Trimmed; 1-200 characters") String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "PAP-A4-500", pattern = SKU) String sku,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "6.90", pattern = PRICE_INPUT,
                    description = "0 to 999999999.99, at most two decimals (a JSON number is accepted too)") String price,
            @Schema(example = "EUR", pattern = CURRENCY, defaultValue = "EUR") String currency,
            @Schema(example = "120", minimum = "0", maximum = "1000000", defaultValue = "0") Integer stock) {
    }

    @Serdeable
    @Schema(name = "ProductUpdate", additionalProperties = AdditionalPropertiesValue.FALSE,
            description = "Any subset of a product's fields; fields not sent keep their value.")
    record ProductUpdate(
            @Schema(example = "Recycled paper A4, 500 sheets", minLength = 1, maxLength = 200) String name,
            @Schema(example = "PAP-A4-500", pattern = SKU) String sku,
            @Schema(example = "6.90", pattern = PRICE_INPUT,
                    description = "0 to 999999999.99, at most two decimals (a JSON number is accepted too)") String price,
            @Schema(example = "EUR", pattern = CURRENCY) String currency,
            @Schema(example = "120", minimum = "0", maximum = "1000000") Integer stock) {
    }

    @Serdeable
    @Schema(name = "ProductPage", additionalProperties = AdditionalPropertiesValue.FALSE)
    record ProductPage(@Schema(requiredMode = RequiredMode.REQUIRED) List<Product> data,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "3", minimum = "0", description = "Products in all pages") int total,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "1", minimum = "1") int page,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "20", minimum = "1", maximum = "100") int size,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0") int offset) {
    }

    @Serdeable
    @Schema(name = "Document", additionalProperties = AdditionalPropertiesValue.FALSE)
    record Document(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "doc_X2bq9LmT0aZe", pattern = ID) String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Quote for Q1 paper supply", minLength = 1, maxLength = 200) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "draft", allowableValues = {"draft", "published", "archived"}) String status,
            @ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED, description = "Ids of your team's products; empty when none"),
                    maxItems = 50, schema = @Schema(example = "prod_7Gq2kX9mTb4w", minLength = 1, maxLength = 64)) List<String> productIds,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = TIME, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = TIME, format = "date-time") String updatedAt) {
    }

    @Serdeable
    @Schema(name = "DocumentCreate", additionalProperties = AdditionalPropertiesValue.FALSE,
            description = "A new document: title and kind are required.")
    record DocumentCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Quote for Q1 paper supply", minLength = 1, maxLength = 200,
                    description = "Trimmed; 1-200 characters") String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
            @Schema(example = "draft", allowableValues = {"draft", "published", "archived"}, defaultValue = "draft") String status,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            @ArraySchema(maxItems = 50, arraySchema = @Schema(requiredMode = RequiredMode.NOT_REQUIRED, description = "Ids of your team's products (each must exist)"),
                    schema = @Schema(minLength = 1, maxLength = 64)) List<String> productIds) {
    }

    @Serdeable
    @Schema(name = "DocumentUpdate", additionalProperties = AdditionalPropertiesValue.FALSE,
            description = "Any subset of a document's fields; fields not sent keep their value.")
    record DocumentUpdate(
            @Schema(example = "Quote for Q1 paper supply", minLength = 1, maxLength = 200) String title,
            @Schema(example = "quote", allowableValues = {"invoice", "quote", "contract", "datasheet"}) String kind,
            @Schema(example = "published", allowableValues = {"draft", "published", "archived"}) String status,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            @ArraySchema(maxItems = 50, arraySchema = @Schema(requiredMode = RequiredMode.NOT_REQUIRED, description = "Ids of your team's products (each must exist); replaces the list"),
                    schema = @Schema(minLength = 1, maxLength = 64)) List<String> productIds) {
    }

    @Serdeable
    @Schema(name = "DocumentPage", additionalProperties = AdditionalPropertiesValue.FALSE)
    record DocumentPage(@Schema(requiredMode = RequiredMode.REQUIRED) List<Document> data,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2", minimum = "0", description = "Documents in all pages") int total,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "1", minimum = "1") int page,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "20", minimum = "1", maximum = "100") int size,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0") int offset) {
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
