package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/v1/key}: the calling key described by the gateway itself, counted like any call. */
class KeyInfoTest {

    private static GatewayHarness gateway;
    private static JsonMapper json;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("keyinfo", Map.of("gateway.rate-limit.requests", 30,
                "gateway.rate-limit.window", "120s"));
        json = gateway.context().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"LIVE, READ_WRITE", "LIVE, READ_ONLY", "TEST, READ_WRITE", "TEST, READ_ONLY"})
    void describesTheCallingKeyWithoutItsToken(KeyMode mode, KeyScope scope) throws Exception {
        TestKey key = gateway.key(mode, scope);

        HttpResponse<String> response = gateway.get("/api/v1/key", key.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> info = parse(response.body());
        assertThat(info).containsOnlyKeys("id", "prefix", "mode", "scope", "routes", "rateLimit", "expiresAt", "status");
        assertThat(info).containsEntry("id", key.id())
                .containsEntry("prefix", key.token().substring(0, 12))
                .containsEntry("mode", mode.wire())
                .containsEntry("scope", scope.wire())
                .containsEntry("routes", null)
                .containsEntry("rateLimit", Map.of("requests", 30, "windowSeconds", 120))
                .containsEntry("expiresAt", null)
                .containsEntry("status", "active");
        assertThat(response.body()).doesNotContain(key.token()).doesNotContain(key.token().substring(12));
    }

    @Test
    void showsRoutesAndExpiry() throws Exception {
        Instant expiresAt = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY, null, expiresAt, false);
        try (Connection c = gateway.database.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET routes = 'documents' WHERE id = ?")) {
            s.setString(1, key.id());
            s.executeUpdate();
        }

        Map<String, Object> info = parse(gateway.get("/api/v1/key", key.token()).body());

        assertThat(info.get("routes")).isEqualTo(List.of("documents"));
        assertThat(Instant.parse((String) info.get("expiresAt"))).isEqualTo(expiresAt);
    }

    @Test
    void isCountedLikeAnyCallAndCarriesTheRateLimitHeaders() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> first = gateway.get("/api/v1/key", key.token());
        HttpResponse<String> second = gateway.get("/api/v1/key", key.token());

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("30");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("29");
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).hasValue("28");
        assertThat(first.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @Test
    void answersHeadWithHeadersOnly() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/key", key.token())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void refusesOtherMethodsWithAllowGetAndHead() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/key", key.token())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(response.body()).contains("\"code\":\"method_not_allowed\"");
    }

    @Test
    void requiresAValidKey() throws Exception {
        HttpResponse<String> response = gateway.get("/api/v1/key", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"unauthorized\"");
    }

    @Test
    void isOpenToARouteScopedKey() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_ONLY);
        try (Connection c = gateway.database.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET routes = 'products' WHERE id = ?")) {
            s.setString(1, key.id());
            s.executeUpdate();
        }

        assertThat(gateway.get("/api/v1/key", key.token()).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) throws Exception {
        return json.readValue(body, Map.class);
    }
}
