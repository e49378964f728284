package com.paperlink.gateway.e2e;

import static com.paperlink.gateway.e2e.GatewayPipelineTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An upstream that is not there is 502 {@code upstream_unavailable}; one too slow is 504 {@code upstream_timeout}. */
class UpstreamFailureTest {

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = new GatewayHarness("upstreamfailure", Map.of(
                "gateway.upstream.read-timeout", "1s",
                "gateway.routes.closed.path", "/closed",
                "gateway.routes.closed.live-url", "http://127.0.0.1:" + closedPort,
                "gateway.routes.closed.test-url", "http://127.0.0.1:" + closedPort));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void answersBadGatewayWhenTheUpstreamRefusesConnections() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.get("/api/v1/closed/x", key.token());

        assertThat(response.statusCode()).isEqualTo(502);
        assertError(response, "upstream_unavailable");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains("59");
    }

    @Test
    void answersGatewayTimeoutWhenTheUpstreamAnswersAfterTheReadTimeout() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> response = gateway.get("/api/v1/products/slow", key.token());

        assertThat(response.statusCode()).isEqualTo(504);
        assertError(response, "upstream_timeout");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("60");
        assertThat(gateway.live.next().rawUri()).isEqualTo("/products/slow");
    }

    @Test
    void givesAnUploadLongerThanTheReadTimeoutTheUploadTimeoutInstead() throws Exception {
        TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/documents/upload", key.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(SlowBody::new)).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"bodyBytes\":" + SlowBody.SIZE);
    }

    /** 20 pieces of 64 KB, 100 ms apart: an upload that outlasts the 1 s read timeout. */
    private static final class SlowBody extends InputStream {

        static final int SIZE = 20 * 64 * 1024;
        private int sent;

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent >= SIZE) {
                return -1;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            int n = Math.min(length, Math.min(64 * 1024, SIZE - sent));
            sent += n;
            return n;
        }
    }

    @Test
    void keepsServingAfterAnUpstreamFailure() throws Exception {
        TestKey key = gateway.key(KeyMode.TEST, KeyScope.READ_ONLY);
        gateway.get("/api/v1/closed/x", key.token());

        assertThat(gateway.get("/api/v1/products/fast", key.token()).statusCode()).isEqualTo(200);
    }
}
