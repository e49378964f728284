package com.paperlink.stub.products;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product as the product service returns it. {@code price} is a decimal string with two
 * decimals ("19.90") so no client turns money into a float; timestamps are ISO-8601 UTC.
 */
@Serdeable
@Schema(name = "Product")
public record Product(
        @Schema(example = "prod_7Gq2kX9mTb4w") String id,
        @Schema(example = "Recycled paper A4, 500 sheets") String name,
        @Schema(example = "PAP-A4-500") String sku,
        @Schema(example = "6.90", description = "Decimal string, two decimals") String price,
        @Schema(example = "EUR", description = "ISO 4217 code") String currency,
        @Schema(example = "120") int stock,
        @Schema(example = "2026-11-23T10:00:00Z") String createdAt,
        @Schema(example = "2026-11-23T10:00:00Z") String updatedAt) {
}
