package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.LogScanner;
import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real jars: two upstream stubs (live, test) and the gateway as processes, key-admin in this JVM,
 * all on one private database. Keys made through key-admin keep teams and modes apart end to end, the
 * database holds no raw token, and no log line of these processes holds a key or a JWT.
 */
@Timeout(180)
class EndToEndIsolationTest {

    private static TestDatabase database;
    private static ServiceProcess live;
    private static ServiceProcess test;
    private static ServiceProcess gateway;
    private static FaultKeyAdmin keyAdmin;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("e2eisolation");
        keyAdmin = FaultKeyAdmin.start(database.properties(), Map.of()); // creates the schema
        live = ServiceProcess.start("stub-live", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "live"), List.of("-Xmx128m"));
        test = ServiceProcess.start("stub-test", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "test"), List.of("-Xmx128m"));
        Path routes = Files.createTempFile("fault-routes", ".yml");
        Files.writeString(routes, "gateway:\n  routes:\n"
                + "    products:  { path: /products,  live-url: \"" + live.baseUrl() + "\", test-url: \"" + test.baseUrl() + "\" }\n"
                + "    documents: { path: /documents, live-url: \"" + live.baseUrl() + "\", test-url: \"" + test.baseUrl() + "\" }\n");
        gateway = ServiceProcess.start("gateway-e2e-faults", ServiceProcess.moduleJar("gateway"), ServiceProcess.freePort(),
                Map.of("JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER, "JDBC_PASSWORD",
                        TestDatabase.PASSWORD.isEmpty() ? " " : TestDatabase.PASSWORD,
                        "MICRONAUT_CONFIG_FILES", routes.toString()), List.of("-Xmx256m"));
    }

    @AfterAll
    static void stop() {
        Resources.closeQuietly(gateway, live, test, keyAdmin, database);
    }

    @Test
    void keysFromKeyAdminKeepTeamsAndModesApartThroughTheGateway() throws Exception {
        String ownerA = FaultKeyAdmin.jwt("user_a", "team_a", "OWNER");
        String ownerB = FaultKeyAdmin.jwt("user_b", "team_b", "OWNER");
        String aLive = FaultKeyAdmin.field(keyAdmin.createKey("team_a", ownerA, "a live", "live"), "token");
        String aTest = FaultKeyAdmin.field(keyAdmin.createKey("team_a", ownerA, "a test", "test"), "token");
        String bLive = FaultKeyAdmin.field(keyAdmin.createKey("team_b", ownerB, "b live", "live"), "token");

        HttpResponse<String> created = call("POST", "/api/v1/products", aLive,
                "{\"name\":\"A secret product\",\"sku\":\"A-SECRET-1\",\"price\":\"1.00\"}", "X-PaperLink-Team-Id", "team_b");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(call("GET", "/api/v1/products", aLive, null).body()).contains("A-SECRET-1");
        assertThat(call("GET", "/api/v1/products", bLive, null, "X-PaperLink-Team-Id", "team_a").body())
                .as("team B never sees team A's data").doesNotContain("A-SECRET-1");
        assertThat(call("GET", "/api/v1/products", aTest, null, "X-PaperLink-Mode", "live").body())
                .as("a test key never reaches live data").doesNotContain("A-SECRET-1");
        String id = FaultKeyAdmin.field(created.body(), "id");
        assertThat(call("GET", "/api/v1/products/" + id, bLive, null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/products/" + id, bLive, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/products/" + id, aLive, null).statusCode()).as("still there").isEqualTo(200);

        assertNoRawTokenInTheDatabase(List.of(aLive, aTest, bLive));
    }

    private static void assertNoRawTokenInTheDatabase(List<String> tokens) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character')")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).as("text columns scanned").isNotEmpty();
            for (String[] col : columns) {
                try (ResultSet rs = s.executeQuery("SELECT \"" + col[1] + "\" FROM \"" + col[0] + "\"")) {
                    while (rs.next()) {
                        String value = rs.getString(1);
                        if (value != null && (LogScanner.API_KEY.matcher(value).find() || tokens.stream().anyMatch(value::contains))) {
                            hits.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        assertThat(hits).as("columns holding a raw token").isEmpty();
    }

    @Test
    void noServiceLogOfThisTestHoldsAKeyOrAJwt() throws Exception {
        keysFromKeyAdminKeepTeamsAndModesApartThroughTheGateway(); // make sure there was traffic to log
        call("GET", "/api/v1/products?api_key=x", "pk_live_" + "A".repeat(36), null); // a bad key, logged nowhere
        LogScanner.Result result = LogScanner.scan(List.of(gateway.log().getParent()));
        assertThat(result.files()).isPositive();
        assertThat(result.findings()).isEmpty();
    }

    private static HttpResponse<String> call(String method, String path, String token, String json, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
