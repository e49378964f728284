package com.paperlink.gateway.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an answer of the gateway against the public OpenAPI document (the file the build writes,
 * exactly what {@code /api/openapi.yml} serves) with Atlassian's swagger-request-validator: the status
 * must be documented for the operation, the documented required headers present, and the body must
 * match its schema. Functional tests call it on every answer they receive, so a change to the API that
 * the document does not follow fails them.
 *
 * <p>Paths and methods the document does not describe (tests probe unknown routes, HEAD, OPTIONS) are
 * not an operation to check against; their errors must still have the one error shape.
 */
public final class PublicContract {

    public static final Path DOCUMENT = Path.of("target", "openapi", "paperlink-api.yml");
    private static final Pattern ERROR_SHAPE = Pattern.compile(
            "(?s)\\{\"error\":\\{\"code\":\"[a-z_]+\",\"message\":\".+\",\"requestId\":\"[^\"]+\"}}");

    private static volatile PublicContract instance;

    private final OpenApiInteractionValidator strict;
    private final OpenApiInteractionValidator headersOnly;

    private PublicContract(String document) {
        this.strict = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(undocumentedOperationsIgnored().build()).build();
        this.headersOnly = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(undocumentedOperationsIgnored()
                        .withLevel("validation.response.body", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.contentType", ValidationReport.Level.IGNORE)
                        .build()).build();
    }

    private static LevelResolver.Builder undocumentedOperationsIgnored() {
        return LevelResolver.create()
                .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE);
    }

    public static PublicContract get() {
        PublicContract contract = instance;
        if (contract == null) {
            synchronized (PublicContract.class) {
                if (instance == null) {
                    try {
                        instance = new PublicContract(Files.readString(DOCUMENT));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(DOCUMENT + " is missing: the build writes it (process-classes)", e);
                    }
                }
                contract = instance;
            }
        }
        return contract;
    }

    /**
     * Fails with every finding when the answer breaks the document. {@code upstreamIsStandIn}: the answer's
     * body came from a test upstream that is not the product or document service (its bodies are not
     * products), so only the status and headers of its successful answers are checked.
     */
    public void check(String method, URI uri, HttpResponse<String> response, boolean upstreamIsStandIn) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/v1")) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        Request.Method verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        OpenApiInteractionValidator validator = upstreamIsStandIn && response.statusCode() < 400 ? headersOnly : strict;
        ValidationReport report = validator.validateResponse(path, verb, answer.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " → " + response.statusCode()
                    + " breaks the public OpenAPI document:\n" + report + "\nbody: " + abbreviate(response.body()));
        }
        boolean gatewayError = response.statusCode() >= 400 && response.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/json") && !upstreamIsStandIn;
        if (gatewayError && !method.equals("HEAD") && !ERROR_SHAPE.matcher(response.body()).matches()) {
            throw new AssertionError(method + " " + path + " → " + response.statusCode()
                    + " is not in the one error shape: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
