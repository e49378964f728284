package com.paperlink.gateway.docs;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The public API's identity for micronaut-openapi, which writes the document at build time to
 * {@code META-INF/swagger/paperlink-api-1.0.yml} from this class and the {@code *Api} interfaces
 * beside it. {@link PublicApiDocument} adds what every operation shares (error responses,
 * rate-limit headers, code samples) when the gateway starts.
 */
@OpenAPIDefinition(
        info = @Info(title = "PaperLink API", version = "1.0", description = PublicApiDefinition.DESCRIPTION),
        security = @SecurityRequirement(name = PublicApiDefinition.BEARER),
        tags = {
                @Tag(name = "Products", description = "Your team's products: name, SKU, price, stock."),
                @Tag(name = "Documents", description = "Your team's documents (quotes, invoices, contracts, datasheets).")
        })
@SecurityScheme(name = PublicApiDefinition.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "pk_live_… or pk_test_…",
        description = "An API key from Settings → Integrations → API Keys. Live keys (`pk_live_`) reach live data, "
                + "test keys (`pk_test_`) an isolated sandbox. Read-only keys may use GET and HEAD only.")
public final class PublicApiDefinition {

    public static final String BEARER = "bearerAuth";

    static final String DESCRIPTION = """
            Reach your PaperLink team's products and documents from scripts, CRMs and CI pipelines.

            Authenticate every call with `Authorization: Bearer <API key>`. Every answer carries the \
            rate-limit headers `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` \
            (plus the IETF draft `RateLimit` / `RateLimit-Policy`); over the limit you get 429 with `Retry-After`.

            Errors always have the shape `{"error": {"code", "message", "requestId"}}`.""";

    private PublicApiDefinition() {
    }
}
