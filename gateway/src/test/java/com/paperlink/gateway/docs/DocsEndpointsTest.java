package com.paperlink.gateway.docs;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference endpoints over real HTTP, without any API key. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsEndpointsTest implements TestPropertyProvider {

    private final TestDatabase database = TestDatabase.create("docs-endpoints");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        database.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("micronaut.server.port", "-1"); // application.yml pins 8080 for bin/up
        properties.put("gateway.docs.public-url", "https://api.paperlink.example/");
        return properties;
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlDocumentListsExactlyThePublicPaths() throws Exception {
        HttpResponse<String> response = get("/api/openapi.yml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(((Map<String, Object>) document.get("paths")).keySet()).containsExactlyInAnyOrder(
                "/api/v1/products", "/api/v1/products/{id}", "/api/v1/documents", "/api/v1/documents/{id}", "/api/v1/key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonDocumentIsTheSameDocument() throws Exception {
        Map<String, Object> fromJson = json.readValue(get("/api/openapi.json").body(), Map.class);
        Map<String, Object> fromYaml = new Yaml().load(get("/api/openapi.yml").body());

        assertThat(fromJson.get("paths")).isEqualTo(fromYaml.get("paths"));
        assertThat(((Map<String, Object>) fromJson.get("info")).get("title")).isEqualTo("PaperLink API");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsTheBearerSchemeErrorsRateLimitHeadersAndCodeSamples() throws Exception {
        Map<String, Object> document = json.readValue(get("/api/openapi.json").body(), Map.class);
        Map<String, Object> components = (Map<String, Object>) document.get("components");

        assertThat((Map<String, Object>) ((Map<String, Object>) components.get("securitySchemes")).get("bearerAuth"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        int operations = 0;
        for (Map.Entry<String, Object> item : ((Map<String, Object>) document.get("paths")).entrySet()) {
            for (Object op : ((Map<String, Object>) item.getValue()).values()) {
                Map<String, Object> operation = (Map<String, Object>) op;
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                if (item.getKey().equals("/api/v1/key")) {
                    // answered by the gateway itself: no route to miss, no upstream to fail
                    assertThat(responses).containsKeys("401", "403", "405", "429").doesNotContainKeys("404", "502", "504");
                } else {
                    assertThat(responses).containsKeys("401", "403", "404", "405", "429", "502", "504");
                }
                responses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).forEach(e ->
                        assertThat((Map<String, Object>) ((Map<String, Object>) e.getValue()).get("headers"))
                                .containsKeys("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"));
                assertThat((List<Map<String, String>>) operation.get("x-codeSamples"))
                        .extracting(s -> s.get("label")).containsExactly("cURL", "JavaScript", "Python", "Java");
                operations++;
            }
        }
        assertThat(operations).isEqualTo(11);
        Map<String, Object> tooMany = (Map<String, Object>) ((Map<String, Object>) components.get("responses")).get("TooManyRequests");
        assertThat((Map<String, Object>) tooMany.get("headers")).containsKeys("Retry-After", "X-RateLimit-Reset", "RateLimit");
        assertThat((Map<String, Object>) components.get("schemas")).containsKeys("Error", "Product", "Document", "KeyInfo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void createAndUpdateBodiesRequireWhatTheServicesRequireAndTheServerIsThePublicUrl() throws Exception {
        Map<String, Object> document = json.readValue(get("/api/openapi.json").body(), Map.class);
        Map<String, Map<String, Object>> schemas =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas");

        assertThat((List<String>) schemas.get("ProductCreate").get("required")).containsExactlyInAnyOrder("name", "sku", "price");
        assertThat((List<String>) schemas.get("DocumentCreate").get("required")).containsExactlyInAnyOrder("title", "kind");
        assertThat(schemas.get("ProductUpdate")).doesNotContainKey("required").containsEntry("additionalProperties", false);
        assertThat(schemas.get("DocumentUpdate")).doesNotContainKey("required");
        assertThat((List<String>) schemas.get("Document").get("required")).contains("productIds", "createdAt");
        assertThat((List<Map<String, Object>>) document.get("servers")).extracting(s -> s.get("url"))
                .containsExactly("https://api.paperlink.example");
    }

    @Test
    void codeSamplesUseThePublicUrlAndNeverAKey() throws Exception {
        String document = get("/api/openapi.json").body();

        assertThat(document).contains("curl 'https://api.paperlink.example/api/v1/products'")
                .contains("PAPERLINK_API_KEY").doesNotContainPattern("pk_(live|test)_[0-9A-Za-z]{36}");
    }

    @Test
    void llmsTextSummarisesEveryOperationFromTheDocument() throws Exception {
        HttpResponse<String> response = get("/api/llms.txt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).startsWith("# PaperLink API")
                .contains("### GET /api/v1/products — List products", "### DELETE /api/v1/documents/{id} — Delete a document",
                        "- Base URL: https://api.paperlink.example", "429", "rate_limit_exceeded", "Product: id (string)");
    }

    @Test
    void docsPageLoadsOnlyAssetsTheGatewayServes() throws Exception {
        HttpResponse<String> page = get("/api/docs");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("https://").doesNotContain("//cdn");
        for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui.css", "docs.js", "docs.css", "favicon-32x32.png")) {
            HttpResponse<String> response = get("/api/docs/assets/" + asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
        }
        assertThat(get("/api/docs/assets/swagger-ui-bundle.js").headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/javascript");
    }

    @Test
    void unknownAssetsAreNotFound() throws Exception {
        assertThat(get("/api/docs/assets/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/api/docs/assets/..%2Fapplication.yml").statusCode()).isEqualTo(404);
    }

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path) throws Exception {
        // HTTP/1.1: Java 17's client, upgrading a fresh connection to h2c, now and then misreads a large first
        // answer (≈ 1 in 150-300 for the 51 KB document; nghttp's upgrade read it right 300 times in 300).
        // These tests are about the documents; Http2Test covers HTTP/2.
        return HTTP_1_1.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
