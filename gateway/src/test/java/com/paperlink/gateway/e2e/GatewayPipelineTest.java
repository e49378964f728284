package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The order of checks (SPEC, "gateway"), each row over real HTTP against real PostgreSQL and upstreams. */
class GatewayPipelineTest {

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("gatewaypipeline", Map.of(
                "gateway.rate-limit.requests", 3,
                "gateway.trusted-proxies", "127.0.0.1"));
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

    // --- 1. authentication

    @Test
    void rejectsARequestWithoutAuthorization() throws Exception {
        HttpResponse<String> response = gateway.get("/api/v1/products", null);

        assertUnauthorized(response);
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-key", "Token pk_live_x",
            "Bearer pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000", "Bearer pk_prod_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsAMalformedAuthorization(String authorization) throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", null)
                .header("Authorization", authorization).GET().build());

        assertUnauthorized(response);
    }

    @Test
    void rejectsATokenWithAFailingChecksum() throws Exception {
        String token = ApiKeyToken.generate(KeyMode.LIVE).reveal();
        String typo = token.substring(0, 20) + (token.charAt(20) == 'a' ? 'b' : 'a') + token.substring(21);

        assertUnauthorized(gateway.get("/api/v1/products", typo));
    }

    @Test
    void rejectsAnUnknownKey() throws Exception {
        assertUnauthorized(gateway.get("/api/v1/products", ApiKeyToken.generate(KeyMode.LIVE).reveal()));
    }

    @Test
    void rejectsARevokedKey() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE, null, null, true);

        assertUnauthorized(gateway.get("/api/v1/products", key.token()));
    }

    @Test
    void rejectsAnExpiredKey() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE, null, Instant.now().minusSeconds(1), false);

        assertUnauthorized(gateway.get("/api/v1/products", key.token()));
    }

    @Test
    void rejectsBeforeRoutingSoUnknownPathsAlsoNeedAKey() throws Exception {
        assertUnauthorized(gateway.get("/api/v1/nothing-here", null));
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"PaperLink API\"");
        assertError(response, "unauthorized");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(gateway.live.nothingReceived() && gateway.test.nothingReceived()).isTrue();
    }

    // --- 1b. IP allowlist, judged on the client address behind a trusted proxy

    @Test
    void rejectsAKeyUsedFromAnAddressOutsideItsAllowlist() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE, "198.51.100.0/24,2001:db8::/32", null, false);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.5").GET().build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertError(response, "ip_not_allowed");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).as("checked before the rate limit").isEmpty();
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @Test
    void acceptsAKeyUsedFromAnAllowedAddress() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE, "198.51.100.0/24", null, false);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("X-Forwarded-For", "203.0.113.5, 198.51.100.7").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(gateway.live.next().header("X-Forwarded-For")).isEqualTo("198.51.100.7, 127.0.0.1");
    }

    // --- 2. rate limit

    @Test
    void sendsRateLimitHeadersOnAnAcceptedRequest() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        long before = Instant.now().getEpochSecond();

        HttpResponse<String> response = gateway.get("/api/v1/products", key.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("3");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("2");
        long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(before + 59, Instant.now().getEpochSecond() + 61);
        assertThat(response.headers().firstValue("RateLimit-Policy")).contains("\"default\";q=3;w=60");
        assertThat(response.headers().firstValue("RateLimit").orElseThrow()).matches("\"default\";r=2;t=(59|60)");
    }

    @Test
    void rejectsTheRequestOverTheLimitWithRetryAfterAndDoesNotForwardIt() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_WRITE);
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.get("/api/v1/products", key.token()).statusCode()).isEqualTo(200);
        }
        gateway.test.clear();

        HttpResponse<String> response = gateway.get("/api/v1/products", key.token());

        assertThat(response.statusCode()).isEqualTo(429);
        assertError(response, "rate_limit_exceeded");
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(response.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"default\";r=0;t=");
        assertThat(gateway.test.nothingReceived()).isTrue();
    }

    // --- 3. scope

    @Test
    void rejectsAWriteWithAReadOnlyKey() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).header("Content-Type", "application/json")
                .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertError(response, "scope_insufficient");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("2");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @Test
    void answersMethodNotAllowedWithAllowForMethodsOutsideTheApi() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products/p1", key.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertError(response, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, POST, PATCH, DELETE");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("3");
    }

    @Test
    void letsAReadWriteKeyDelete() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/documents/d1", key.token()).DELETE().build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(gateway.live.next().method()).isEqualTo("DELETE");
    }

    // --- 4. routing

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/unknown", "/api/v1/productsX", "/api/v1/products-old/1", "/api/v1/"})
    void answersNotFoundForAPathWithoutARoute(String path) throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.get(path, key.token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, "not_found");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("3");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/products/../../admin", "/api/v1/products/%2e%2e/%2e%2e/admin",
            "/api/v1/products/.%2E/secret", "/api/v1/products%2f..%2f..%2fadmin", "/api/v1/products/..%2f..%2fadmin",
            "/api/v1/products/%252e%252e/admin", "/api/v1/products\\..\\admin", "/api/v1/products/..;/admin",
            "/api/v1/products/%5c..%5cadmin", "/api/v1/products//etc/passwd"})
    void neverLetsATraversalEscapeTheRoutePrefix(String path) throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        GatewayHarness.RawResponse response = gateway.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + key.token() + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isIn(400, 404);
        assertThat(response.body()).contains("\"requestId\"").doesNotContain("upstream");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    @Test
    void sendsLiveKeysToTheLiveUpstream() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.get("/api/v1/products/p1", key.token());

        assertThat(response.body()).contains("\"upstream\":\"live\"");
        assertThat(gateway.live.next().rawUri()).isEqualTo("/products/p1");
        assertThat(gateway.test.nothingReceived()).isTrue();
    }

    @Test
    void sendsTestKeysToTheTestUpstreamWhateverTheClientClaims() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products/p1?mode=live", key.token())
                .header("X-PaperLink-Mode", "live").GET().build());

        assertThat(response.body()).contains("\"upstream\":\"test\"");
        assertThat(gateway.test.next().header("X-PaperLink-Mode")).isEqualTo("test");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    static void assertError(HttpResponse<String> response, String code) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + messageOf(response.body()) + "\",\"requestId\":\"" + requestId + "\"}}");
        assertThat(messageOf(response.body())).isNotBlank();
        // An error is about this request only: never cached, never run as script or framed.
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    }

    private static String messageOf(String body) {
        int start = body.indexOf("\"message\":\"") + 11;
        return start < 11 ? "" : body.substring(start, body.indexOf('"', start));
    }
}
