package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.proxy.UpstreamPool;
import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.MisbehavingUpstream.Mode;
import com.paperlink.keys.testing.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upstream faults through the whole gateway (connect 500 ms, read 1.5 s): each fault becomes 502 or 504
 * with the error shape within the timeouts, or (once the answer has started streaming) a cut connection;
 * afterwards the pool still works and the gateway is healthy.
 */
@Timeout(120)
class UpstreamFaultsTest {

    private static TestDatabase database;
    private static MisbehavingUpstream upstream;
    private static FaultGateway gateway;
    private static TestKeys.Created key;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("upstreamfaults");
        upstream = MisbehavingUpstream.start();
        gateway = FaultGateway.start(FaultGateway.baseProperties("upstreamfaults", database.properties(),
                upstream.url(), upstream.url()));
        key = new TestKeys(database::connect).create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(gateway, upstream, database);
    }

    @AfterEach
    void poolStillWorksAndGatewayIsHealthy() throws Exception {
        upstream.mode(Mode.OK);
        for (int i = 0; i < 20; i++) {
            assertThat(gateway.get("/api/v1/products/after", key.bearer()).statusCode()).isEqualTo(200);
        }
        assertThat(gateway.health()).isEqualTo(200);
    }

    @Test
    void refusedConnectionIsBadGateway() throws Exception {
        try (FaultGateway refusing = FaultGateway.start(FaultGateway.baseProperties("refusing", database.properties(),
                MisbehavingUpstream.refusingUrl(), MisbehavingUpstream.refusingUrl()))) {
            long start = System.nanoTime();
            HttpResponse<String> response = refusing.get("/api/v1/products", key.bearer());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(FaultGateway.hasErrorShape(response.body(), "upstream_unavailable")).as(response.body()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /**
     * Six pooled connections on the gateway's one event loop, all closed by the upstream as the next request
     * arrives (an upstream that restarted, or swept its idle connections): the request walks through every dead
     * one to a new connection and is answered 200. Each dead one counted as a try, it was 502 after the third.
     */
    @Test
    void aRequestMeetingManyDeadPooledConnectionsIsAnsweredOnANewOne() throws Exception {
        try (FaultGateway single = oneLoopGateway("deadpool")) {
            fillPool(single, 6);
            int pooled = single.context().getBean(UpstreamPool.class).openConnections();
            assertThat(pooled).as("upstream connections kept after six concurrent requests").isGreaterThanOrEqualTo(4);

            upstream.mode(Mode.CLOSE_REUSED);
            int accepted = upstream.acceptedConnections();
            HttpResponse<String> response = single.get("/api/v1/products/after-restart", key.bearer());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(upstream.acceptedConnections()).as("one new connection, after every pooled one was found dead")
                    .isEqualTo(accepted + 1);
        }
    }

    /**
     * The same dead pooled connection under a POST without a body: the upstream had the request before it closed
     * and may have acted on it, so the POST is not sent a second time (a GET would be) and the client gets 502.
     */
    @Test
    void aPostMeetingADeadPooledConnectionIsNotSentTwice() throws Exception {
        try (FaultGateway single = oneLoopGateway("deadpost")) {
            fillPool(single, 2);
            upstream.mode(Mode.CLOSE_REUSED);
            upstream.clearRequests();

            HttpResponse<String> post = single.postEmpty("/api/v1/documents/doc_1/archive", key.bearer());

            assertThat(post.statusCode()).as(post.body()).isEqualTo(502);
            assertThat(FaultGateway.hasErrorShape(post.body(), "upstream_unavailable")).as(post.body()).isTrue();
            assertThat(upstream.requestHeads()).as("the POST reached the upstream once")
                    .filteredOn(head -> head.startsWith("POST ")).hasSize(1);

            upstream.clearRequests();
            HttpResponse<String> get = single.get("/api/v1/products/after", key.bearer());
            assertThat(get.statusCode()).as("a GET on the next dead pooled connection is sent again: " + get.body())
                    .isEqualTo(200);
            assertThat(upstream.requestHeads()).as("the GET: on the dead pooled connection, then on a new one")
                    .filteredOn(head -> head.startsWith("GET ")).hasSize(2);
        }
    }

    /** A gateway with one event loop, so one upstream pool. */
    private static FaultGateway oneLoopGateway(String label) {
        Map<String, Object> properties = new HashMap<>(FaultGateway.baseProperties(label,
                database.properties(), upstream.url(), upstream.url()));
        properties.put("micronaut.netty.event-loops.default.num-threads", 1);
        return FaultGateway.start(properties);
    }

    /** {@code n} concurrent slow requests, so the pool keeps up to {@code n} connections afterwards. */
    private static void fillPool(FaultGateway gateway, int n) {
        upstream.mode(Mode.OK_SLOWLY);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(gateway.getAsync("/api/v1/products/fill", key.bearer()));
        }
        for (var call : calls) {
            assertThat(call.join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void upstreamClosingWithoutAnswerIsBadGateway() throws Exception {
        expectError(Mode.CLOSE_IMMEDIATELY, 502, "upstream_unavailable");
    }

    @Test
    void garbageStatusLineIsBadGateway() throws Exception {
        expectError(Mode.GARBAGE_STATUS_LINE, 502, "upstream_unavailable");
    }

    @Test
    void upstreamSilentAfterTheRequestIsGatewayTimeoutWithinTheReadTimeout() throws Exception {
        long start = System.nanoTime();
        expectError(Mode.SLOW_HEADERS, 504, "upstream_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void resetMidResponseNeverLooksLikeACompleteAnswer() throws Exception {
        assertCutOrError(Mode.RESET_MID_RESPONSE, 5000);
    }

    @Test
    void bodyStallingLongerThanTheReadTimeoutIsCutOrTimedOut() throws Exception {
        assertCutOrError(Mode.SLOW_BODY, 1000);
    }

    @Test
    void hugeResponseStreamsThroughCompletely() throws Exception {
        upstream.mode(Mode.HUGE_RESPONSE);
        HttpResponse<InputStream> response = raw().send(request("/api/v1/products/huge"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long total = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(MisbehavingUpstream.HUGE_BYTES);
    }

    @Test
    void clientLeavingANeverEndingResponseReleasesTheUpstreamConnection() throws Exception {
        upstream.mode(Mode.NEVER_ENDING_CHUNKED);
        int openBefore = upstream.openConnections();
        HttpResponse<InputStream> response = raw().send(request("/api/v1/products/stream"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(160)).hasSize(160); // it really streams
        }
        // The gateway must notice the client is gone and stop reading from the upstream.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (upstream.openConnections() > openBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(upstream.openConnections()).as("upstream connection closed after the client left")
                .isLessThanOrEqualTo(openBefore);
    }

    private void expectError(Mode mode, int status, String code) throws Exception {
        upstream.mode(mode);
        HttpResponse<String> response = gateway.get("/api/v1/products/" + mode.name().toLowerCase(), key.bearer());
        assertThat(response.statusCode()).as(mode + ": " + response.body()).isEqualTo(status);
        assertThat(FaultGateway.hasErrorShape(response.body(), code)).as(response.body()).isTrue();
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
    }

    /** Either an error status before anything was streamed, or a body shorter than promised and a cut connection. */
    private void assertCutOrError(Mode mode, int promisedBytes) throws Exception {
        upstream.mode(mode);
        long start = System.nanoTime();
        int status;
        long received = 0;
        boolean cut = false;
        try {
            HttpResponse<InputStream> response = raw().send(request("/api/v1/products/" + mode.name().toLowerCase()),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream body = response.body()) {
                received = body.readAllBytes().length;
            } catch (java.io.IOException e) {
                cut = true;
            }
        } catch (java.io.IOException e) {
            status = -1;
            cut = true;
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the read timeout")
                .isLessThan(Duration.ofSeconds(15));
        if (status == 200) {
            assertThat(cut || received < promisedBytes).as("a broken answer must not look complete").isTrue();
        } else {
            assertThat(status).as(mode.name()).isIn(-1, 502, 504);
        }
    }

    private static HttpClient raw() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.url(path))).header("Authorization", key.bearer())
                .timeout(Duration.ofSeconds(30)).build();
    }
}
