package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Browser calls from origins listed in {@code gateway.cors.allowed-origins}: preflights answered before
 * authentication (no key, no budget spent, nothing sent upstream), refused ones in the error shape, and the
 * rate-limit headers exposed to the page's script.
 */
class CorsTest {

    private static final String APP = "https://app.example.com";
    private static GatewayHarness gateway;
    private static GatewayHarness closed;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("cors", Map.of("gateway.cors.allowed-origins", APP + ",http://localhost:3000",
                "gateway.rate-limit.requests", 3));
        closed = new GatewayHarness("cors-default", Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        closed.close();
    }

    private static HttpRequest preflight(GatewayHarness harness, String path, String origin, String method) {
        return harness.request(path, null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type").build();
    }

    @Test
    void anAllowedOriginGetsThePreflightWithoutAKey() throws Exception {
        HttpResponse<String> response = gateway.send(preflight(gateway, "/api/v1/products", APP, "POST"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, POST, PATCH, DELETE");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization", "Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @Test
    void preflightsNeverSpendAKeysBudget() throws Exception {
        GatewayHarness.TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
        for (int i = 0; i < 10; i++) {
            HttpRequest request = gateway.request("/api/v1/documents", key.token()).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", APP).header("Access-Control-Request-Method", "GET").build();
            assertThat(gateway.send(request).statusCode()).isEqualTo(204);
        }

        HttpResponse<String> call = gateway.send(gateway.request("/api/v1/documents", key.token())
                .header("Origin", APP).GET().build());

        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("X-RateLimit-Remaining")).contains("2");
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "X-Request-Id");
    }

    @Test
    void errorsToAnAllowedOriginAreReadableToo() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", null).header("Origin", APP).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    }

    @Test
    void anotherOriginIsRefusedInTheErrorShape() throws Exception {
        HttpResponse<String> response = gateway.send(preflight(gateway, "/api/v1/products", "https://evil.example", "GET"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"origin_not_allowed\"");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aMethodKeysCannotUseIsRefused() throws Exception {
        HttpResponse<String> response = gateway.send(preflight(gateway, "/api/v1/products", APP, "PUT"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"origin_not_allowed\"");
    }

    @Test
    void anAnswerToAnUnlistedOriginCarriesNoCorsHeaders() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", null)
                .header("Origin", "https://evil.example").GET().build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void noOriginIsAllowedByDefault() throws Exception {
        HttpResponse<String> response = closed.send(preflight(closed, "/api/v1/products", APP, "GET"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"origin_not_allowed\"");
    }
}
