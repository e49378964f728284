package com.paperlink.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayHealthTest {

    @Test
    void reportsDatabaseAndRateLimiterStateWithoutInternalAddresses() throws Exception {
        try (TestDatabase database = TestDatabase.create("gateway-health")) {
            Map<String, Object> properties = new HashMap<>(database.properties());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                String body = get(server, "/health");

                assertThat(body).contains("\"status\":\"UP\"", "\"database\":\"UP\"",
                        "\"rateLimiter\":\"local (no Redis configured)\"");
                assertThat(body).doesNotContain("jdbc:", database.name(), "diskSpace");
            }
        }
    }

    @Test
    void staysUpAndSaysSoWhenTheDatabaseIsUnreachable() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:1/nothing");
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("datasources.default.username", "postgres");
        properties.put("datasources.default.connection-timeout", "500");
        properties.put("flyway.datasources.default.enabled", "false");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            String body = get(server, "/health");

            assertThat(body).contains("\"status\":\"UP\"", "\"database\":\"DOWN (cached keys keep working)\"");
        }
    }

    private static String get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
