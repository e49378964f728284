package com.paperlink.gateway.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.RawHttp;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy as an operator runs it: the gateway in a process of its own gets SIGTERM while it proxies three slow
 * requests, a 100 MB upload and a 100 MB download. Everything in flight completes byte for byte, new connections
 * are refused at once, an idle keep-alive connection is closed, "last used" is flushed, and the exit code is 0.
 */
class GatewayDrainTest {

    private static final long BIG = 100L << 20;
    private static final long IN_FLIGHT_AT = 8L << 20;

    private TestDatabase database;
    private DrainUpstream upstream;
    private ServiceProcess gateway;
    private TestKeys.Created key;

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.create("drain");
        upstream = new DrainUpstream();
    }

    /** The gateway as its own process, on this test's database and upstream; ready once {@code readiness} is 200. */
    private void startGateway(Map<String, String> settings, String readiness) {
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(Map.of(
                "JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER, "JDBC_PASSWORD", TestDatabase.PASSWORD,
                "GATEWAY_ROUTES_PRODUCTS_LIVE_URL", upstream.url(),
                "GATEWAY_USAGE_FLUSH_INTERVAL", "1h")); // "last used" reaches the table only through the drain's flush
        gateway = ServiceProcess.startMain("gateway-drain", "com.paperlink.gateway.GatewayApplication",
                ServiceProcess.freePort(), env, List.of("-XX:+UseSerialGC", "-Xmx192m"), readiness);
        key = new TestKeys(database::connect).create("team_drain", KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void sigtermLetsEverythingInFlightFinishAndExitsZero() throws Exception {
        startGateway(Map.of("GATEWAY_SHUTDOWN_DRAIN_TIMEOUT", "60s"), "/health/readiness");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String expected = PatternBytes.sha256(BIG);

        Socket idle = keptAliveAfterOneAnswer();

        Socket rawSlow = new Socket("127.0.0.1", gateway.port());
        rawSlow.setSoTimeout(30_000);
        send(rawSlow, "GET /api/v1/products/slow HTTP/1.1\r\nHost: gw\r\nAuthorization: " + key.bearer() + "\r\n\r\n");
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(http.sendAsync(api("/products/slow").GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        CountDownLatch uploadGate = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> upload = http.sendAsync(api("/products/upload")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new PatternBytes(BIG, IN_FLIGHT_AT, uploadGate)), BIG)).build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<InputStream> download = http.send(api("/products/download?bytes=" + BIG).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        InputStream downloadBody = download.body();
        MessageDigest downloaded = PatternBytes.newDigest();
        long downloadedBytes = copy(downloadBody, downloaded, IN_FLIGHT_AT);

        assertThat(upstream.slowArrived.tryAcquire(3, 20, TimeUnit.SECONDS)).as("three slow requests upstream").isTrue();
        awaitUploadInFlight();

        gateway.terminate();

        assertThat(refusedWithin(Duration.ofSeconds(3))).as("new connections refused during the drain").isTrue();
        assertThat(RawHttp.closedByServer(idle)).as("idle keep-alive connection closed").isTrue();
        assertThat(gateway.isAlive()).as("still draining while requests are in flight").isTrue();

        uploadGate.countDown();
        downloadedBytes += copy(downloadBody, downloaded, Long.MAX_VALUE);

        RawHttp.Response rawAnswer = RawHttp.read(rawSlow.getInputStream());
        assertThat(rawAnswer.status()).isEqualTo(200);
        assertThat(rawAnswer.body()).isEqualTo("slow done");
        assertThat(rawAnswer.header("connection")).as("an answer started during the drain closes its connection")
                .isEqualToIgnoringCase("close");
        for (CompletableFuture<HttpResponse<String>> answer : slow) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow done");
        }
        HttpResponse<String> uploaded = upload.get(60, TimeUnit.SECONDS);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(uploaded.body()).as("upstream's SHA-256 of the upload").isEqualTo(expected);
        assertThat(downloadedBytes).isEqualTo(BIG);
        assertThat(HexFormat.of().formatHex(downloaded.digest())).as("SHA-256 of the download").isEqualTo(expected);

        assertThat(gateway.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(0);
        assertThat(new TestKeys(database::connect).lastUsedAt(key.id())).as("last used flushed on the way out").isNotNull();
        String log = Files.readString(gateway.log());
        assertThat(log).contains("Draining: readiness DOWN").contains("Drained in");
        rawSlow.close();
        idle.close();
    }

    @Test
    void afterTheDrainTimeoutWhatIsLeftIsCutAndCountedWhileAManagementPortSaysNotReady() throws Exception {
        int management = ServiceProcess.freePort();
        String readiness = "http://127.0.0.1:" + management + "/health/readiness";
        startGateway(Map.of("GATEWAY_SHUTDOWN_DRAIN_TIMEOUT", "3s", "ENDPOINTS_ALL_PORT", Integer.toString(management)),
                readiness);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(status(http, "http://127.0.0.1:" + management + "/api/v1/products/slow"))
                .as("no API on the management port").isEqualTo(404);
        upstream.hangNext();
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(api("/products/slow").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upstream.slowArrived.tryAcquire(1, 20, TimeUnit.SECONDS)).isTrue();

        gateway.terminate();

        assertThat(statusWithin(http, readiness, 503, Duration.ofSeconds(2))).as("readiness DOWN at once").isTrue();
        assertThat(status(http, "http://127.0.0.1:" + management + "/health/liveness")).as("still alive").isEqualTo(200);
        assertThat(refusedWithin(Duration.ofSeconds(2))).as("public port refuses").isTrue();

        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(0);
        assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS)).as("cut: no answer")
                .isInstanceOf(ExecutionException.class);
        assertThat(Files.readString(gateway.log()))
                .contains("Drain timeout (3 s) reached: cutting")
                .contains("1 of them with an API request in flight");
    }

    @Test
    void aRequestOnAConnectionIdleWhenTheDrainBeganIsAnsweredWithConnectionClose() throws Exception {
        // A load balancer may have picked a pooled connection and sent on it just as the drain begins: closing
        // the connection under that request would lose it (a POST is not retried), so it is answered instead.
        startGateway(Map.of("GATEWAY_SHUTDOWN_IDLE_CLOSE_DELAY", "5s"), "/health/readiness");
        Socket idle = keptAliveAfterOneAnswer();

        gateway.terminate();
        assertThat(refusedWithin(Duration.ofSeconds(3))).as("the drain has begun").isTrue();
        Thread.sleep(200);
        send(idle, "POST /api/v1/products/fast HTTP/1.1\r\nHost: gw\r\nAuthorization: " + key.bearer()
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

        RawHttp.Response answer = RawHttp.read(idle.getInputStream());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).as("the connection closes after this answer").isEqualToIgnoringCase("close");
        assertThat(RawHttp.closedByServer(idle)).as("closed after the answer").isTrue();
        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(0);
        idle.close();
    }

    @Test
    void aConnectionStillIdleAfterTheIdleCloseDelayIsClosedAndTheDrainEnds() throws Exception {
        startGateway(Map.of("GATEWAY_SHUTDOWN_IDLE_CLOSE_DELAY", "1s"), "/health/readiness");
        Socket idle = keptAliveAfterOneAnswer();
        long start = System.nanoTime();

        gateway.terminate();

        assertThat(RawHttp.closedByServer(idle)).as("idle keep-alive connection closed").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("held for the delay").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(0);
        assertThat(Files.readString(gateway.log())).contains("Drained in");
        idle.close();
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean statusWithin(HttpClient http, String url, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(http, url) == expected) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1" + path))
                .header("Authorization", key.bearer()).timeout(Duration.ofSeconds(120));
    }

    /** A connection that has had one answer and stays open, waiting for its next request. */
    private Socket keptAliveAfterOneAnswer() throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.port());
        socket.setSoTimeout(10_000);
        send(socket, "GET /health/liveness HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawHttp.Response answer = RawHttp.read(socket.getInputStream());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).isNotEqualToIgnoringCase("close");
        return socket;
    }

    private void awaitUploadInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (upstream.uploaded.get() < IN_FLIGHT_AT / 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(upstream.uploaded.get()).as("upload reached the upstream before SIGTERM").isGreaterThan(0);
    }

    private boolean refusedWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", gateway.port())) {
                Thread.sleep(50);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // accepted then dropped: not yet refused
            }
        }
        return false;
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads up to {@code limit} bytes (or to the end) into the digest; returns how many. */
    private static long copy(InputStream in, MessageDigest digest, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            digest.update(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
