package com.paperlink.keyadmin.usage;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keyadmin.error.ErrorBody;
import com.paperlink.keyadmin.error.ErrorCode;
import com.paperlink.keyadmin.keys.ApiKeyRepository;
import com.paperlink.keyadmin.security.TeamAccess;
import com.paperlink.keys.KeyIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /admin/v1/teams/{teamId}/keys/{keyId}/usage} and {@code GET /admin/v1/teams/{teamId}/usage}: requests
 * per hour or day by status class, as the gateways counted them (written every 30 s). Same access rules as the
 * key endpoints.
 */
@Controller("/admin/v1/teams/{teamId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Usage")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "400", description = "validation_failed: bad from, to or granularity, or too long a range",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "unauthorized: missing, invalid or expired JWT",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "forbidden: MANAGER or MEMBER of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "not_found: no such key, or not a member of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
final class UsageController {

    private final TeamAccess access;
    private final ApiKeyRepository keys;
    private final UsageStore usage;
    private final Clock clock;

    UsageController(TeamAccess access, ApiKeyRepository keys, UsageStore usage, Clock clock) {
        this.access = access;
        this.keys = keys;
        this.usage = usage;
        this.clock = clock;
    }

    @Get(uri = "/keys/{keyId}/usage", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One key's requests per hour or day, by status class")
    UsageView keyUsage(@PathVariable String teamId, @PathVariable String keyId,
                       @Parameter(description = "Start, ISO-8601 with offset or a date (default: 7 days, or 24 hours for hour, before to)")
                       @Nullable @QueryValue String from,
                       @Parameter(description = "End, exclusive (default: now)") @Nullable @QueryValue String to,
                       @Parameter(description = "hour or day (default day; days are UTC)",
                               schema = @Schema(type = "string", allowableValues = {"hour", "day"}))
                       @Nullable @QueryValue String granularity,
                       Authentication authentication) {
        access.requireKeyAdmin(authentication, teamId);
        UsageRange range = UsageRange.parse(from, to, granularity, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!KeyIds.isWellFormed(keyId) || keys.findByIdAndTeamId(keyId, teamId).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Key not found.");
        }
        return usage.forKey(keyId, range);
    }

    @Get(uri = "/usage", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The team's requests per hour or day over all its keys, by status class")
    UsageView teamUsage(@PathVariable String teamId,
                        @Parameter(description = "Start, ISO-8601 with offset or a date (default: 7 days, or 24 hours for hour, before to)")
                        @Nullable @QueryValue String from,
                        @Parameter(description = "End, exclusive (default: now)") @Nullable @QueryValue String to,
                        @Parameter(description = "hour or day (default day; days are UTC)",
                                schema = @Schema(type = "string", allowableValues = {"hour", "day"}))
                        @Nullable @QueryValue String granularity,
                        Authentication authentication) {
        access.requireKeyAdmin(authentication, teamId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return usage.forTeam(teamId, UsageRange.parse(from, to, granularity, now));
    }
}
