package com.paperlink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.paperlink.client.api.DocumentsApi;
import com.paperlink.client.api.ProductsApi;
import com.paperlink.client.model.Document;
import com.paperlink.client.model.DocumentCreate;
import com.paperlink.client.model.DocumentPage;
import com.paperlink.client.model.DocumentUpdate;
import com.paperlink.client.model.Product;
import com.paperlink.client.model.ProductCreate;
import com.paperlink.client.model.ProductPage;
import com.paperlink.client.model.ProductUpdate;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an integrator does: generate a Java client from {@code /api/openapi.yml} (openapi-generator's Maven
 * plugin, {@code native} library, at build time into target/) and use it against the real gateway jar in front
 * of the real upstream stubs. If the document and the API disagree, the typed client fails here.
 */
@Timeout(240)
class GeneratedClientTest {

    private static final int LIMIT = 40;
    private static TestDatabase database;
    private static ServiceProcess live;
    private static ServiceProcess test;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("generated-client");
        live = ServiceProcess.start("client-stub-live", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "live"), List.of("-Xmx128m"));
        test = ServiceProcess.start("client-stub-test", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "test"), List.of("-Xmx128m"));
        Path routes = Files.createTempFile("client-routes", ".yml");
        Files.writeString(routes, "gateway:\n  routes:\n"
                + "    products:  { path: /products,  live-url: \"" + live.baseUrl() + "\", test-url: \"" + test.baseUrl() + "\" }\n"
                + "    documents: { path: /documents, live-url: \"" + live.baseUrl() + "\", test-url: \"" + test.baseUrl() + "\" }\n");
        gateway = ServiceProcess.start("client-gateway", ServiceProcess.moduleJar("gateway"), ServiceProcess.freePort(),
                Map.of("JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER,
                        "JDBC_PASSWORD", TestDatabase.PASSWORD.isEmpty() ? " " : TestDatabase.PASSWORD,
                        "GATEWAY_RATE_LIMIT_REQUESTS", String.valueOf(LIMIT),
                        "MICRONAUT_CONFIG_FILES", routes.toString()), List.of("-Xmx256m"));
    }

    @AfterAll
    static void stop() {
        Resources.closeQuietly(gateway, live, test, database);
    }

    @Test
    void listsCreatesGetsUpdatesAndDeletesProducts() throws Exception {
        ProductsApi products = new ProductsApi(client(newKey(KeyScope.READ_WRITE)));

        ApiResponse<ProductPage> first = products.listProductsWithHttpInfo(1, 2, null, null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getData().getData()).hasSize(2);
        assertThat(first.getData().getTotal()).isEqualTo(3);
        assertThat(first.getHeaders().get("x-ratelimit-limit")).containsExactly(String.valueOf(LIMIT));
        assertThat(Integer.parseInt(first.getHeaders().get("x-ratelimit-remaining").get(0))).isBetween(0, LIMIT - 1);
        assertThat(Long.parseLong(first.getHeaders().get("x-ratelimit-reset").get(0))).isGreaterThan(Instant.now().getEpochSecond() - 1);

        Product created = products.createProduct(new ProductCreate().name("Notebook, dotted").sku("NB-DOT-A5").price("4.5"));
        assertThat(created.getId()).startsWith("prod_");
        assertThat(created.getPrice()).isEqualTo("4.50");
        assertThat(created.getCurrency()).isEqualTo("EUR");
        assertThat(created.getStock()).isZero();
        assertThat(created.getCreatedAt()).isBefore(java.time.OffsetDateTime.now().plusMinutes(1));

        assertThat(products.getProduct(created.getId())).isEqualTo(created);
        Product updated = products.updateProduct(created.getId(), new ProductUpdate().stock(12));
        assertThat(updated.getStock()).isEqualTo(12);
        assertThat(updated.getName()).isEqualTo("Notebook, dotted");

        ApiResponse<Void> deleted = products.deleteProductWithHttpInfo(created.getId());
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> products.getProduct(created.getId()));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(error(gone).getError().getCode()).isEqualTo("not_found");
    }

    @Test
    void listsCreatesGetsUpdatesAndDeletesDocuments() throws Exception {
        ApiClient client = client(newKey(KeyScope.READ_WRITE));
        DocumentsApi documents = new DocumentsApi(client);
        String productId = new ProductsApi(client).listProducts(null, null, null, null).getData().get(0).getId();

        DocumentPage page = documents.listDocuments(null, null, 10, 0);
        assertThat(page.getData()).isNotEmpty();
        Document created = documents.createDocument(new DocumentCreate().title("Quote 7").kind(DocumentCreate.KindEnum.QUOTE));
        assertThat(created.getProductIds()).isEmpty();
        assertThat(created.getStatus()).isEqualTo(Document.StatusEnum.DRAFT);

        Document updated = documents.updateDocument(created.getId(),
                new DocumentUpdate().status(DocumentUpdate.StatusEnum.PUBLISHED).productIds(List.of(productId)));
        assertThat(updated.getStatus()).isEqualTo(Document.StatusEnum.PUBLISHED);
        assertThat(updated.getProductIds()).containsExactly(productId);
        assertThat(documents.getDocument(created.getId())).isEqualTo(updated);

        documents.deleteDocument(created.getId());
        assertThat(documents.listDocuments(null, null, null, null).getData()).extracting(Document::getId)
                .doesNotContain(created.getId());
    }

    @Test
    void invalidInputIsATyped400AndAReadOnlyKeyATyped403() throws Exception {
        ProductsApi writer = new ProductsApi(client(newKey(KeyScope.READ_WRITE)));
        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> writer.createProduct(new ProductCreate().name("No price").sku("NO-PRICE")));
        assertThat(invalid.getCode()).isEqualTo(400);
        assertThat(error(invalid).getError().getCode()).isEqualTo("validation_failed");
        assertThat(error(invalid).getError().getMessage()).startsWith("price");

        ProductsApi reader = new ProductsApi(client(newKey(KeyScope.READ_ONLY)));
        ApiException readOnly = catchThrowableOfType(ApiException.class,
                () -> reader.createProduct(new ProductCreate().name("x").sku("X-1").price("1")));
        assertThat(readOnly.getCode()).isEqualTo(403);
        assertThat(error(readOnly).getError().getCode()).isEqualTo("scope_insufficient");
    }

    @Test
    void overTheLimitIsATyped429WithRetryAfter() throws Exception {
        ProductsApi products = new ProductsApi(client(newKey(KeyScope.READ_ONLY)));
        for (int i = 0; i < LIMIT; i++) {
            products.listProducts(null, 1, null, null);
        }

        ApiException limited = catchThrowableOfType(ApiException.class, () -> products.listProducts(null, 1, null, null));

        assertThat(limited.getCode()).isEqualTo(429);
        com.paperlink.client.model.Error error = error(limited);
        assertThat(error.getError().getCode()).isEqualTo("rate_limit_exceeded");
        assertThat(error.getError().getRequestId()).isNotBlank();
        Map<String, List<String>> headers = limited.getResponseHeaders().map();
        assertThat(Integer.parseInt(headers.get("retry-after").get(0))).isPositive();
        assertThat(headers.get("x-ratelimit-remaining")).containsExactly("0");
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gateway.baseUrl());
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** The typed error body ({@code Error} in the document; fully named here, beside java.lang.Error). */
    private static com.paperlink.client.model.Error error(ApiException e) throws Exception {
        return new ApiClient().getObjectMapper().readValue(e.getResponseBody(), com.paperlink.client.model.Error.class);
    }

    /** A key as key-admin stores it: only the token's hash and display prefix. */
    private static String newKey(KeyScope scope) throws Exception {
        ApiKeyToken token = ApiKeyToken.generate(KeyMode.TEST);
        String id = KeyIds.newId();
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO api_key (id, team_id, name, prefix, token_hash, mode, scope, created_by_id, created_by_name, created_at)
                VALUES (?, ?, 'generated client', ?, ?, ?, ?, 'u1', 'Tess Ter', ?)""")) {
            s.setString(1, id);
            s.setString(2, "team_" + id.substring(4, 12));
            s.setString(3, token.displayPrefix());
            s.setString(4, token.hash());
            s.setString(5, KeyMode.TEST.wire());
            s.setString(6, scope.wire());
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        return token.reveal();
    }
}
