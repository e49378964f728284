package com.paperlink.gateway.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The public API reference: the OpenAPI document (YAML and JSON), {@code llms.txt} and the
 * interactive page. Outside {@code /api/v1}, so no API key is needed to read it; "Try it" on the
 * page then calls {@code /api/v1} with the key the reader authorizes with.
 */
@Hidden
@Controller("/api")
public class DocsController {

    private static final String YAML = "application/yaml";

    private final PublicApiDocument document;
    private final DocsAssets assets;

    public DocsController(PublicApiDocument document, DocsAssets assets) {
        this.document = document;
        this.assets = assets;
    }

    @Get("/openapi.yml")
    @Produces(YAML)
    public HttpResponse<String> yaml() {
        return HttpResponse.ok(document.yaml()).contentType(YAML + ";charset=utf-8");
    }

    @Get("/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json() {
        return document.json();
    }

    @Get("/llms.txt")
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<String> llms() {
        return HttpResponse.ok(document.llmsText()).contentType("text/plain;charset=utf-8");
    }

    @Get("/docs")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        // Content-Security-Policy and the other security headers: web/SecurityHeadersFilter, for every answer.
        return HttpResponse.ok(assets.page()).contentType("text/html;charset=utf-8");
    }

    @Get("/docs/assets/{name}")
    public HttpResponse<byte[]> asset(@PathVariable String name) {
        return assets.find(name)
                .map(asset -> HttpResponse.ok(asset.bytes()).contentType(asset.type())
                        .header("Cache-Control", "public, max-age=3600"))
                .orElseGet(HttpResponse::notFound);
    }
}
