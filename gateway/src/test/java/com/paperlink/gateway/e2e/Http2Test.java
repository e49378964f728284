package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The pipeline answers the same over HTTP/1.1 and over HTTP/2 (h2c: Java's HttpClient upgrades with
 * {@code Upgrade: h2c}; curl uses prior knowledge): 401, the rate-limit headers and 429, a proxied 200 with its
 * body, 403 for a write with a read-only key. h2c is on by default; a request with a body that offers the upgrade
 * is answered in HTTP/1.1 and streamed like any other (never buffered, never 413).
 */
class Http2Test {

    private static final int LIMIT = 3;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        // HTTP/2 as shipped: no protocol setting, h2c is on by default on the cleartext port
        gateway = new GatewayHarness("http2", Map.of("gateway.rate-limit.requests", LIMIT));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).build();
        // The upgrade happens on a first request without a body; later requests reuse that connection.
        HttpResponse<Void> first = client.send(HttpRequest.newBuilder(java.net.URI.create(gateway.base() + "/health"))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(first.version()).isEqualTo(version);
        return client;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Version.class)
    void missingKeyIs401(HttpClient.Version version) throws Exception {
        HttpResponse<String> response = send(client(version), gateway.request("/api/v1/products", null).GET().build());

        assertThat(response.version()).isEqualTo(version);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"PaperLink API\"");
        assertThat(response.body()).contains("\"code\":\"unauthorized\"");
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Version.class)
    void proxiesWithTheBodyAndRateLimitHeadersThen429(HttpClient.Version version) throws Exception {
        HttpClient client = client(version);
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> proxied = send(client, gateway.request("/api/v1/products?q=1", key.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Lamp\"}")).build());

        assertThat(proxied.version()).isEqualTo(version);
        assertThat(proxied.statusCode()).isEqualTo(201);
        assertThat(proxied.body()).contains("\"upstream\":\"live\"").contains("\"bodyBytes\":15");
        assertThat(proxied.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(LIMIT));
        assertThat(proxied.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(LIMIT - 1));
        for (int i = 1; i < LIMIT; i++) {
            assertThat(send(client, gateway.request("/api/v1/products", key.token()).GET().build()).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = send(client, gateway.request("/api/v1/products", key.token()).GET().build());
        assertThat(limited.version()).isEqualTo(version);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("\"code\":\"rate_limit_exceeded\"");
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Version.class)
    void writeWithReadOnlyKeyIs403(HttpClient.Version version) throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = send(client(version), gateway.request("/api/v1/products", key.token())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.version()).isEqualTo(version);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"scope_insufficient\"");
    }

    @Test
    void answersHttp2WithPriorKnowledge() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_ONLY);

        List<String> answer = curl("--http2-prior-knowledge", "-H", "Authorization: Bearer " + key.token(),
                gateway.base() + "/api/v1/documents");

        assertThat(answer.get(0)).isEqualTo("2 200");
        assertThat(String.join("\n", answer)).contains("\"upstream\":\"test\"");
    }

    @Test
    void anUploadOfferingTheUpgradeIsAnsweredInHttp1WithItsWholeBody() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
        // A new client's first request is a 100 KB POST: Java's HttpClient offers Upgrade: h2c on it.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> response = send(client, gateway.request("/api/v1/documents", key.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100 * 1024])).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).contains("\"bodyBytes\":" + 100 * 1024);
    }

    @Test
    void aRawUpgradeOfferWithABodyIsIgnoredAndWithoutOneIsAccepted() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
        String body = "x".repeat(20_000);
        String offer = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n";

        GatewayHarness.RawResponse upload = gateway.raw("POST /api/v1/documents HTTP/1.1\r\nHost: api.example\r\n"
                + "Authorization: Bearer " + key.token() + "\r\n" + offer + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(upload.head()).startsWith("HTTP/1.1 201");
        assertThat(upload.body()).contains("\"bodyBytes\":20000");
        assertThat(statusLineOf("GET /health HTTP/1.1\r\nHost: api.example\r\n" + offer + "\r\n"))
                .isEqualTo("HTTP/1.1 101 Switching Protocols");
    }

    /** The first line the gateway answers to a raw request. */
    private static String statusLineOf(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(gateway.base()).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder line = new StringBuilder();
            for (int b; (b = socket.getInputStream().read()) != '\r' && b >= 0; ) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    /** curl's answer: first line "<http version> <status>", then the body. */
    private static List<String> curl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "--max-time", "20", "-w",
                "\n%{http_version} %{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int last = output.lastIndexOf('\n');
        return List.of(output.substring(last + 1), output.substring(0, Math.max(last, 0)));
    }
}
