package com.paperlink.keyadmin.leaks;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keyadmin.error.ErrorBody;
import com.paperlink.keyadmin.error.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /admin/v1/leaks}: secret scanners (GitHub's partner program and the like) report tokens they found
 * in public. No JWT: the body is authenticated by {@code X-Signature}, an HMAC-SHA256 with
 * {@code KEY_ADMIN_LEAK_SECRET}; without that secret the endpoint does not exist (404). The signature is checked
 * before the body is even parsed.
 */
@Controller("/admin/v1/leaks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Leak reports")
// No bearer JWT: the X-Signature header authenticates the body.
@SecurityScheme(name = "leakSignature", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = LeakSignature.HEADER, description = "sha256=<hex>: HMAC-SHA256 of the raw request body with the "
        + "secret in KEY_ADMIN_LEAK_SECRET")
@SecurityRequirement(name = "leakSignature")
final class LeakReportController {

    /** A report is a few hundred bytes per token; the server's 64 KB request limit bounds it too. */
    static final int MAX_TOKENS = 1000;

    private final @Nullable LeakSignature signature;
    private final LeakReports reports;
    private final JsonMapper json;

    LeakReportController(@Value("${key-admin.leak-secret:}") String secret, LeakReports reports, JsonMapper json) {
        this.signature = secret == null || secret.isBlank() ? null : new LeakSignature(secret);
        this.reports = reports;
        this.json = json;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Report leaked tokens (GitHub secret-scanning partner format); matching keys are revoked at once",
            description = "Authenticated by X-Signature: sha256=<hex>, the HMAC-SHA256 of the raw body with the secret "
                    + "in KEY_ADMIN_LEAK_SECRET. Idempotent: a replayed report revokes nothing more. The endpoint "
                    + "answers 404 when no secret is configured.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = LeakReport.class)))))
    @ApiResponse(responseCode = "200", description = "One label per reported token, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = LeakLabel.class))))
    @ApiResponse(responseCode = "400", description = "validation_failed: not a JSON array of {token, type, url, source}",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "401", description = "unauthorized: missing or wrong X-Signature",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "not_found: leak reports are off (no KEY_ADMIN_LEAK_SECRET)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    List<LeakLabel> report(@Parameter(hidden = true) @Nullable @Body byte[] body,
                           @Parameter(hidden = true) @Nullable @Header(LeakSignature.HEADER) String signatureHeader) {
        if (signature == null) {
            throw new ApiException(ErrorCode.NOT_FOUND);
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.verifies(raw, signatureHeader)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, signatureHeader == null
                    ? "The X-Signature header (sha256=<hex HMAC-SHA256 of the body>) is required."
                    : "The X-Signature does not match the body.");
        }
        return reports.handle(parse(raw));
    }

    private List<LeakReport> parse(byte[] raw) {
        List<LeakReport> parsed;
        try {
            parsed = json.readValue(raw, Argument.listOf(LeakReport.class));
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid("body", "The body must be a JSON array of {\"token\", \"type\", \"url\", \"source\"}.");
        }
        if (parsed == null || parsed.isEmpty()) {
            throw ApiException.invalid("body", "The body must list at least one reported token.");
        }
        if (parsed.size() > MAX_TOKENS) {
            throw ApiException.invalid("body", "At most " + MAX_TOKENS + " tokens per report.");
        }
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i) == null || parsed.get(i).token() == null) {
                throw ApiException.invalid("token", "Entry " + i + " has no token.");
            }
        }
        return parsed;
    }
}
