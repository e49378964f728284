package com.paperlink.gateway.docs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The public products operations, as the gateway proxies them to the product service. Never
 * implemented: an interface is not a bean, so it adds no route; it exists for the OpenAPI
 * document micronaut-openapi generates at build time (the proxy filter serves these paths).
 */
@Controller("/api/v1/products")
@Tag(name = "Products")
public interface ProductsApi {

    @Get
    @Operation(operationId = "listProducts", summary = "List products",
            description = "Newest last. Page with `page`/`size` (page from 1) or `limit`/`offset`; at most 100 per page.")
    PublicModels.ProductPage list(@Parameter(description = "Page number, from 1 (default 1)", example = "1",
                                          schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000000"))
                                  @QueryValue @Nullable Integer page,
                                  @Parameter(description = "Items per page (default 20)", example = "20",
                                          schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100"))
                                  @QueryValue @Nullable Integer size,
                                  @Parameter(description = "Alternative to size (not together with page/size)",
                                          schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100"))
                                  @QueryValue @Nullable Integer limit,
                                  @Parameter(description = "Alternative to page: items to skip (not together with page/size)",
                                          schema = @Schema(type = "integer", format = "int32", minimum = "0"))
                                  @QueryValue @Nullable Integer offset);

    @Get("/{id}")
    @Operation(operationId = "getProduct", summary = "Get a product")
    PublicModels.Product get(@Parameter(example = "prod_7Gq2kX9mTb4w", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id);

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createProduct", summary = "Create a product", description = "Needs a read & write key.")
    PublicModels.Product create(@Body PublicModels.ProductCreate product);

    @Patch("/{id}")
    @Operation(operationId = "updateProduct", summary = "Update a product",
            description = "Changes only the fields sent. Needs a read & write key.")
    PublicModels.Product update(@Parameter(example = "prod_7Gq2kX9mTb4w", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id, @Body PublicModels.ProductUpdate changes);

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteProduct", summary = "Delete a product", description = "Needs a read & write key.")
    HttpResponse<Void> delete(@Parameter(example = "prod_7Gq2kX9mTb4w", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id);
}
