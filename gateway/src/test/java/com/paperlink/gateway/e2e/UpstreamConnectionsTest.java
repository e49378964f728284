package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.gateway.proxy.UpstreamPool;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.RawHttp;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's upstream connections seen from both ends: kept alive and reused, not reused after the
 * upstream says {@code Connection: close}, and not leaked when clients leave in the middle of an answer.
 */
class UpstreamConnectionsTest {

    private static GatewayHarness gateway;
    private static TestKey key;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("upstreamconnections", Map.of("gateway.rate-limit.requests", 1_000_000));
        key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.live.clear();
    }

    @Test
    void twoRequestsOnOneClientConnectionShareOneUpstreamConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            assertThat(exchange(socket, "/api/v1/products/1").status()).isEqualTo(200);
            assertThat(exchange(socket, "/api/v1/products/2").status()).isEqualTo(200);
        }

        int first = gateway.live.next().remotePort();
        int second = gateway.live.next().remotePort();
        assertThat(second).as("the second request reuses the first one's upstream connection").isEqualTo(first);
    }

    @Test
    void anUpstreamConnectionClosedByTheUpstreamIsNotReused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            assertThat(exchange(socket, "/api/v1/products/close").status()).isEqualTo(200);
            assertThat(exchange(socket, "/api/v1/products/close").status()).isEqualTo(200);
        }

        int first = gateway.live.next().remotePort();
        int second = gateway.live.next().remotePort();
        assertThat(second).as("a new upstream connection after 'Connection: close'").isNotEqualTo(first);
    }

    @Test
    void tenThousandRequestsWithClientsLeavingMidAnswerLeakNoUpstreamConnection() throws Exception {
        UpstreamPool pool = gateway.context().getBean(UpstreamPool.class);
        int concurrency = 32;
        int leaving = 0;
        for (int batch = 0; batch < 10_000 / concurrency; batch++) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                calls.add(gateway.http.sendAsync(gateway.request("/api/v1/products", key.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            if (batch % 20 == 0) { // a client that reads the head of a 4 MB answer, then hangs up
                try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
                    socket.setSoTimeout(10_000);
                    send(socket, "/api/v1/products/big?bytes=4194304");
                    byte[] head = new byte[512];
                    assertThat(socket.getInputStream().read(head)).isPositive();
                }
                leaving++;
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }

        // Every connection of a client that left was closed, not kept or pooled: at least one close per leaving
        // client (a pooled connection may also be closed now and then, e.g. when the upstream ends it). What stays open is the pool's idle connections, bounded by the peak of
        // concurrent requests (Java's HttpClient opens more than 32 connections now and then, as connections are
        // handed back: up to 48 seen without any client leaving), not growing with the requests served.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.openedConnections() - pool.openConnections() < leaving && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(leaving).isGreaterThanOrEqualTo(15);
        assertThat(pool.openedConnections() - pool.openConnections()).as("upstream connections closed")
                .isGreaterThanOrEqualTo(leaving);
        assertThat(pool.openConnections()).isLessThanOrEqualTo(2 * concurrency);
        assertThat(gateway.get("/api/v1/products", key.token()).statusCode()).isEqualTo(200);
    }

    private static RawHttp.Response exchange(Socket socket, String path) throws Exception {
        send(socket, path);
        return RawHttp.read(socket.getInputStream());
    }

    private static void send(Socket socket, String path) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + key.token() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
