package com.paperlink.stub.products;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Documents the create/PATCH body for the generated OpenAPI. The controller reads the body as a
 * map (see {@link ProductRules}) so that PATCH can tell an absent field from a sent one.
 */
@Serdeable
@Schema(name = "ProductInput", description = "On create name, sku and price are required; PATCH sends any subset.")
public record ProductInput(
        @Schema(example = "Recycled paper A4, 500 sheets", maxLength = 200) String name,
        @Schema(example = "PAP-A4-500", pattern = "^[A-Za-z0-9._-]{1,64}$") String sku,
        @Schema(example = "6.90", description = "Decimal string or JSON number, at most two decimals, >= 0") String price,
        @Schema(example = "EUR", pattern = "^[A-Z]{3}$", defaultValue = "EUR") String currency,
        @Schema(example = "120", minimum = "0", maximum = "1000000", defaultValue = "0") Integer stock) {
}
