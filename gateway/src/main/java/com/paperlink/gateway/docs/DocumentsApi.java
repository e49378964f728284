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
 * The public documents operations, as the gateway proxies them to the document service. Never
 * implemented: an interface is not a bean, so it adds no route; it exists for the OpenAPI
 * document micronaut-openapi generates at build time (the proxy filter serves these paths).
 */
@Controller("/api/v1/documents")
@Tag(name = "Documents")
public interface DocumentsApi {

    @Get
    @Operation(operationId = "listDocuments", summary = "List documents",
            description = "Newest last. Page with `page`/`size` (page from 1) or `limit`/`offset`; at most 100 per page.")
    PublicModels.DocumentPage list(@Parameter(description = "Page number, from 1 (default 1)", example = "1",
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
    @Operation(operationId = "getDocument", summary = "Get a document")
    PublicModels.Document get(@Parameter(example = "doc_X2bq9LmT0aZe", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id);

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createDocument", summary = "Create a document", description = "Needs a read & write key.")
    PublicModels.Document create(@Body PublicModels.DocumentCreate document);

    @Patch("/{id}")
    @Operation(operationId = "updateDocument", summary = "Update a document",
            description = "Changes only the fields sent. Needs a read & write key.")
    PublicModels.Document update(@Parameter(example = "doc_X2bq9LmT0aZe", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id, @Body PublicModels.DocumentUpdate changes);

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteDocument", summary = "Delete a document", description = "Needs a read & write key.")
    HttpResponse<Void> delete(@Parameter(example = "doc_X2bq9LmT0aZe", schema = @Schema(type = "string", pattern = PublicModels.ID)) @PathVariable String id);
}
