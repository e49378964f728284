package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.error.ErrorBody;
import com.paperlink.keyadmin.security.Caller;
import com.paperlink.keyadmin.security.TeamAccess;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.RouteScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * {@code /admin/v1/teams/{teamId}/keys}: HTTP only. Access is checked first (404 for a team the
 * caller is not in, 403 below ADMIN), then the body is validated, then {@link KeyService} acts.
 * Bodies arrive as raw JSON text so {@link KeyRequests} can name the field in every 400.
 */
@Controller("/admin/v1/teams/{teamId}/keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Keys")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "400", description = "validation_failed, naming the field",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "unauthorized: missing, invalid or expired JWT",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "forbidden: MANAGER or MEMBER of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "not_found: no such key, or not a member of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
final class KeyController {

    private final TeamAccess access;
    private final KeyRequests requests;
    private final KeyService service;
    private final KeyAdminConfiguration config;
    private final RouteNames routeNames;

    KeyController(TeamAccess access, KeyRequests requests, KeyService service, KeyAdminConfiguration config,
                  RouteNames routeNames) {
        this.access = access;
        this.requests = requests;
        this.service = service;
        this.config = config;
        this.routeNames = routeNames;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a key; the response holds the token, shown only this once",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CreateKeyRequest.class))))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedKeyView.class)))
    @ApiResponse(responseCode = "409", description = "key_limit_reached: the team has 10 active keys",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    HttpResponse<CreatedKeyView> create(@PathVariable String teamId, @Nullable @Body String body,
                                        Authentication authentication) {
        Caller caller = access.requireKeyAdmin(authentication, teamId);
        KeyService.Created created = service.create(teamId, caller, requests.parseCreate(body));
        return HttpResponse.created(view(created));
    }

    private CreatedKeyView view(KeyService.Created created) {
        String token = created.token().reveal();
        // A route-scoped key gets an example it may run: its first route instead of products.
        String path = RouteScope.fromColumn(created.row().routes()).names().stream().findFirst()
                .flatMap(routeNames::path).orElse("/products");
        String curl = "curl -H \"Authorization: Bearer " + token + "\" " + config.gatewayBaseUrl() + "/api/v1" + path;
        return CreatedKeyView.of(KeyView.of(created.row(), service.now()), token, curl);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Active keys and keys revoked in the last 90 days, newest first")
    List<KeyView> list(@PathVariable String teamId, Authentication authentication) {
        access.requireKeyAdmin(authentication, teamId);
        return service.list(teamId).stream().map(row -> KeyView.of(row, service.now())).toList();
    }

    @Get(uri = "/{keyId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One key")
    KeyView get(@PathVariable String teamId, @PathVariable String keyId, Authentication authentication) {
        access.requireKeyAdmin(authentication, teamId);
        return KeyView.of(service.get(teamId, wellFormed(keyId)), service.now());
    }

    @Patch(uri = "/{keyId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a key, change its expiry, IP allowlist, routes or rate limit, or disable/enable it; "
            + "mode and scope are fixed",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = UpdateKeyRequest.class))))
    @ApiResponse(responseCode = "409", description = "key_revoked: a revoked key cannot be changed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    KeyView update(@PathVariable String teamId, @PathVariable String keyId, @Nullable @Body String body,
                   Authentication authentication) {
        Caller caller = access.requireKeyAdmin(authentication, teamId);
        String id = wellFormed(keyId);
        return KeyView.of(service.update(teamId, id, caller, requests.parseUpdate(body)), service.now());
    }

    // The body is optional ({} or none: 24 h of grace), so any (or no) Content-Type is fine.
    @Post(uri = "/{keyId}/roll", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Roll a key: a new token with the same settings and rate-limit window; the old key keeps "
            + "working for the grace period, then is rejected. Never limited by the 10-key maximum.",
            requestBody = @RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RollKeyRequest.class))))
    @ApiResponse(responseCode = "201", description = "The new key, with its token shown only this once",
            content = @Content(schema = @Schema(implementation = CreatedKeyView.class)))
    @ApiResponse(responseCode = "409", description = "key_revoked, key_expired, key_disabled or key_already_rolled",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    HttpResponse<CreatedKeyView> roll(@PathVariable String teamId, @PathVariable String keyId,
                                      @Nullable @Body String body, Authentication authentication) {
        Caller caller = access.requireKeyAdmin(authentication, teamId);
        String id = wellFormed(keyId);
        KeyService.Created created = service.roll(teamId, id, caller, requests.parseRollGraceSeconds(body));
        return HttpResponse.created(view(created));
    }

    // No body is read, so any (or no) Content-Type is fine: `curl -X POST -d ""` must not get a 415.
    @Post(uri = "/{keyId}/revoke", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a key (idempotent); gateways reject it within seconds")
    KeyView revoke(@PathVariable String teamId, @PathVariable String keyId, Authentication authentication) {
        Caller caller = access.requireKeyAdmin(authentication, teamId);
        return KeyView.of(service.revoke(teamId, wellFormed(keyId), caller), service.now());
    }

    /** A malformed id cannot exist: answer 404 without a query. */
    private static String wellFormed(String keyId) {
        if (!KeyIds.isWellFormed(keyId)) {
            throw KeyService.keyNotFound();
        }
        return keyId;
    }
}
