package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC: a 1 GB upload must not need 1 GB of heap. The real gateway jar runs with a 64 MB heap and moves
 * 1 GB to the upstream and 1 GB back; every byte arrives, and the gateway is still healthy afterwards.
 */
@Timeout(300)
class SmallHeapStreamingTest {

    private static final long SIZE = 1L << 30;

    private static TestDatabase database;
    private static FaultKeyAdmin keyAdmin;
    private static HttpServer upstream;
    private static ServiceProcess gateway;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("smallheap");
        keyAdmin = FaultKeyAdmin.start(database.properties(), Map.of()); // creates the schema
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/products/upload", exchange -> {
            long received = drain(exchange.getRequestBody());
            byte[] answer = ("{\"received\":" + received + "}").getBytes();
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        upstream.createContext("/products/download", exchange -> {
            drain(exchange.getRequestBody());
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, SIZE);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (long sent = 0; sent < SIZE; sent += block.length) {
                    out.write(block);
                }
            }
        });
        upstream.start();
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
        Path routes = Files.createTempFile("smallheap-routes", ".yml");
        Files.writeString(routes, "gateway:\n  routes:\n"
                + "    products:  { path: /products,  live-url: \"" + upstreamUrl + "\", test-url: \"" + upstreamUrl + "\" }\n"
                + "    documents: { path: /documents, live-url: \"" + upstreamUrl + "\", test-url: \"" + upstreamUrl + "\" }\n");
        gateway = ServiceProcess.start("gateway-small-heap", ServiceProcess.moduleJar("gateway"), ServiceProcess.freePort(),
                Map.of("JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER, "JDBC_PASSWORD",
                        TestDatabase.PASSWORD.isEmpty() ? " " : TestDatabase.PASSWORD,
                        "MICRONAUT_CONFIG_FILES", routes.toString()),
                List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError"));
        token = FaultKeyAdmin.field(keyAdmin.createKey("team_big", FaultKeyAdmin.jwt("user_big", "team_big", "OWNER"),
                "big bodies", "live"), "token");
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.stop(0);
        }
        Resources.closeQuietly(gateway, keyAdmin, database);
    }

    @Test
    void uploadsOneGigabyteThroughASixtyFourMegabyteHeap() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/products/upload"))
                .timeout(Duration.ofMinutes(4)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(SIZE)), SIZE))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"received\":" + SIZE + "}");
        assertHealthy();
    }

    @Test
    void downloadsOneGigabyteThroughASixtyFourMegabyteHeap() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/products/download"))
                .timeout(Duration.ofMinutes(4)).header("Authorization", "Bearer " + token).GET().build();

        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThat(drain(body)).isEqualTo(SIZE);
        }
        assertHealthy();
    }

    private static void assertHealthy() throws Exception {
        assertThat(gateway.isAlive()).as("the gateway survived (it exits on OutOfMemoryError)").isTrue();
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    /** {@code size} zero bytes, made on the fly. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
