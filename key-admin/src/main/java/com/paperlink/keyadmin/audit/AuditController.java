package com.paperlink.keyadmin.audit;

import com.paperlink.keyadmin.error.ErrorBody;
import com.paperlink.keyadmin.security.TeamAccess;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** {@code GET /admin/v1/teams/{teamId}/audit}: who created, renamed, changed and revoked which key, newest first. */
@Controller("/admin/v1/teams/{teamId}/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "unauthorized: missing, invalid or expired JWT",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "forbidden: MANAGER or MEMBER of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "not_found: not a member of the team",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
final class AuditController {

    private final TeamAccess access;
    private final AuditLog audit;

    AuditController(TeamAccess access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The team's key audit log, newest first (at most 500 entries)")
    List<AuditView> list(@PathVariable String teamId, Authentication authentication) {
        access.requireKeyAdmin(authentication, teamId);
        return audit.recent(teamId).stream().map(AuditView::of).toList();
    }
}
