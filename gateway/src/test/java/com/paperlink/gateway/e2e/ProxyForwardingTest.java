package com.paperlink.gateway.e2e;

import static com.paperlink.gateway.e2e.GatewayPipelineTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.gateway.e2e.RecordingUpstream.Received;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What crosses the gateway: method, path, query, body and headers, both ways; and the framework's own errors. */
class ProxyForwardingTest {

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("proxyforwarding", Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        gateway.live.clear();
        gateway.test.clear();
    }

    @Test
    void forwardsMethodPathQueryAndBody() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products/p%201/tags?a=1&b=%2F&c", key.token())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Lamp\"}")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        Received received = gateway.live.next();
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.rawUri()).isEqualTo("/products/p%201/tags?a=1&b=%2F&c");
        assertThat(received.bodyBytes()).isEqualTo(15);
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void returnsTheUpstreamsStatusHeadersAndBody() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/documents", key.token())
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"upstream\":\"test\",\"bodyBytes\":5}");
        assertThat(response.headers().firstValue("X-Upstream")).contains("test");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("60");
    }

    @Test
    void neverForwardsAuthorizationOrSpoofedIdentityHeaders() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        gateway.send(gateway.request("/api/v1/products", key.token())
                .header("X-PaperLink-Team-Id", "someone-else").header("X-PaperLink-Key-Id", "key_spoofed")
                .header("X-PaperLink-Scope", "read_write").header("X-Paperlink-Admin", "true")
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=6.6.6.6").GET().build());

        Received received = gateway.live.next();
        assertThat(received.header("Authorization")).isNull();
        assertThat(received.headers().toString()).doesNotContain(key.token());
        assertThat(received.header("X-PaperLink-Team-Id")).isEqualTo(key.teamId());
        assertThat(received.header("X-PaperLink-Key-Id")).isEqualTo(key.id());
        assertThat(received.header("X-PaperLink-Mode")).isEqualTo("live");
        assertThat(received.header("X-PaperLink-Scope")).isEqualTo("read_only");
        assertThat(received.header("X-Paperlink-Admin")).isNull();
        assertThat(received.header("Forwarded")).isNull();
        assertThat(received.header("X-Forwarded-For")).as("untrusted peer: its header is dropped").isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + gateway.server.getPort());
        assertThat(received.header("Host")).isEqualTo(gateway.live.url().substring(7));
    }

    @Test
    void dropsHopByHopHeadersBothWays() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        GatewayHarness.RawResponse response = gateway.raw("GET /api/v1/products HTTP/1.1\r\nHost: api.example\r\n"
                + "Authorization: Bearer " + key.token() + "\r\nConnection: close, X-Secret-Hop\r\n"
                + "X-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: h2c\r\n"
                + "Proxy-Authorization: Basic eDp5\r\nX-Kept: yes\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        Received received = gateway.live.next();
        assertThat(received.header("X-Secret-Hop")).isNull();
        assertThat(received.header("Keep-Alive")).isNull();
        assertThat(received.header("TE")).isNull();
        assertThat(received.header("Upgrade")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
        assertThat(received.header("X-Kept")).isEqualTo("yes");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("api.example");
        assertThat(response.head().toLowerCase()).doesNotContain("x-hop-secret").doesNotContain("keep-alive: timeout");
    }

    @Test
    void keepsASaneRequestIdOnBothSides() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("X-Request-Id", "trace-42.a_b").GET().build());

        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-42.a_b");
        assertThat(gateway.live.next().header("X-Request-Id")).isEqualTo("trace-42.a_b");
    }

    @Test
    void replacesAnUnsafeRequestIdOnBothSides() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("X-Request-Id", "<script>alert(1)</script>").GET().build());

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("req_[0-9a-f]{32}");
        assertThat(gateway.live.next().header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void answersHeadWithoutABody() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(gateway.live.next().method()).isEqualTo("HEAD");
    }

    @Test
    void givesTheFrameworksNotFoundTheErrorShape() throws Exception {
        HttpResponse<String> response = gateway.get("/not-an-api-path", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, "not_found");
    }

    @Test
    void givesAMalformedRequestLineTheErrorShapeNotA500() throws Exception {
        GatewayHarness.RawResponse response = gateway.raw("GET /api/v1/products/a\\b HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response.status()).isIn(400, 401, 404);
        assertThat(response.body()).contains("\"error\":{\"code\":");
    }

    @Test
    void servesHealthAndPrometheusAnonymouslyOutsideThePipeline() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        gateway.get("/api/v1/products", key.token());

        HttpResponse<String> health = gateway.get("/health", null);
        HttpResponse<String> metrics = gateway.get("/prometheus", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(health.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gateway_requests_total{").contains("outcome=\"proxied\"")
                .contains("gateway_upstream_latency_seconds");
    }

    @Test
    void keepsOtherManagementEndpointsClosed() throws Exception {
        assertThat(gateway.get("/beans", null).statusCode()).isEqualTo(404);
        assertThat(gateway.get("/loggers", null).statusCode()).isEqualTo(404);
    }
}
