package com.paperlink.gateway.docs;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/key}, answered by the gateway's pipeline itself ({@code keyinfo/KeyInfo}). Never
 * implemented, like the other {@code *Api} interfaces: it exists for the OpenAPI document.
 */
@Controller("/api/v1/key")
@Tag(name = "Key")
public interface KeyApi {

    @Get
    @Operation(operationId = "getKey", summary = "Which key is this?",
            description = "The key you call with: its id, display prefix, mode, scope, the routes it may reach, "
                    + "the rate-limit policy it is counted against, its expiry and status. Never the key itself. "
                    + "Counted and rate limited like any call; open to every key, whatever its routes.")
    PublicModels.KeyInfo get();
}
