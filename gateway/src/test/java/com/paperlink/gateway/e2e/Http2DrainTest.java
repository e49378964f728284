package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop while an HTTP/2 stream is in flight on a prior-knowledge h2c connection: the connection gets a GOAWAY (no
 * new streams), the stream in flight is still answered, and the stop ends once it has been. Driven with curl:
 * Java 17's HttpClient fails every open stream when a GOAWAY arrives, whatever its last-stream-id says.
 */
class Http2DrainTest {

    @Test
    void anHttp2StreamInFlightIsAnsweredBeforeTheStopEnds() throws Exception {
        GatewayHarness gateway = new GatewayHarness("http2drain", Map.of("gateway.shutdown.drain-timeout", "60s",
                "micronaut.server.http-version", "2.0"));
        try {
            TestKey key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);
            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "30", "--http2-prior-knowledge",
                    "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                    "-H", "Authorization: Bearer " + key.token(), gateway.base() + "/api/v1/products/slow")
                    .redirectErrorStream(true).start();
            assertThat(gateway.live.next()).as("the slow request reached the upstream").isNotNull();

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> gateway.server.stop());

            String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(answer).isEqualTo("2 200");
            stopped.get(50, TimeUnit.SECONDS);
        } finally {
            gateway.close();
        }
    }
}
