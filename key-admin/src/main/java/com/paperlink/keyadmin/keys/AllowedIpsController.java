package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keyadmin.error.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * {@code POST /admin/v1/allowed-ips/check}: an IP allowlist checked by exactly the rules create and PATCH
 * apply ({@link AllowedIps}), without changing anything; the API Keys page validates as the user types.
 */
@Controller("/admin/v1/allowed-ips")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Keys")
@SecurityRequirement(name = "bearerAuth")
final class AllowedIpsController {

    @Post(uri = "/check", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Check an IP allowlist by the rules of create and PATCH; changes nothing")
    @ApiResponse(responseCode = "200", description = "Valid; the entries as they would be stored",
            content = @Content(schema = @Schema(implementation = AllowedIpsCheck.class)))
    @ApiResponse(responseCode = "400", description = "validation_failed naming allowedIps[i]",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "401", description = "unauthorized: missing, invalid or expired JWT",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    AllowedIpsCheck check(@Nullable @Body AllowedIpsCheck body) {
        if (body == null || body.allowedIps() == null) {
            throw ApiException.invalid(AllowedIps.FIELD, "allowedIps must be an array of IP addresses or CIDR ranges.");
        }
        return new AllowedIpsCheck(AllowedIps.fromColumn(AllowedIps.normalise(body.allowedIps())));
    }

    /** The entries to check; in the answer, as stored ({@code null}: any address). */
    @Serdeable
    @Schema(name = "AllowedIpsCheck")
    record AllowedIpsCheck(@Nullable @Schema(description = "IPv4/IPv6 addresses or CIDR ranges",
            example = "[\"203.0.113.0/24\"]") List<String> allowedIps) {
    }
}
