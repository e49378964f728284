package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.TestRedis;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway nodes on one Redis and one keys table: the limit holds across both, also under concurrent
 * requests; and with {@code gateway.rate-limit.enabled: false} nothing is limited and no headers are sent.
 */
class SharedRateLimitTest {

    private static GatewayHarness first;
    private static EmbeddedServer second;
    private static EmbeddedServer unlimited;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> shared = Map.of("redis.uri", TestRedis.URL,
                "gateway.rate-limit.key-prefix", TestRedis.uniquePrefix("shared-rl"),
                "gateway.rate-limit.requests", 5,
                // a slow shared machine must not push a node onto its per-node fallback mid-test
                "gateway.rate-limit.redis-timeout", "5s");
        first = new GatewayHarness("sharedratelimit", shared);
        Map<String, Object> properties = new HashMap<>(first.context().getEnvironment().getProperties("gateway",
                io.micronaut.core.naming.conventions.StringConvention.RAW).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> "gateway." + e.getKey(), Map.Entry::getValue)));
        properties.putAll(first.database.properties());
        properties.putAll(shared);
        properties.put("micronaut.server.port", -1);
        second = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties));
        Map<String, Object> off = new HashMap<>(properties);
        off.put("gateway.rate-limit.enabled", false);
        off.remove("redis.uri");
        unlimited = ApplicationContext.run(EmbeddedServer.class, off);
    }

    @AfterAll
    static void stop() {
        unlimited.close();
        second.close();
        first.close();
    }

    @Test
    void admitsNoMoreThanTheLimitAcrossTwoNodesUnderConcurrentRequests() throws Exception {
        TestKey warmUp = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        first.send(get(first.server.getPort(), warmUp)); // both nodes connect to Redis before the race
        first.send(get(second.getPort(), warmUp));
        TestKey key = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int port = i % 2 == 0 ? first.server.getPort() : second.getPort();
            responses.add(first.http.sendAsync(get(port, key), HttpResponse.BodyHandlers.ofString()));
        }

        long accepted = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        long limited = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429).count();

        assertThat(accepted).isEqualTo(5);
        assertThat(limited).isEqualTo(11);
    }

    @Test
    void decidesTwoHundredConcurrentRequestsForOneKeyExactlyAcrossTwoNodes() throws Exception {
        TestKey warmUp = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        first.send(get(first.server.getPort(), warmUp));
        first.send(get(second.getPort(), warmUp));
        TestKey key = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int port = i % 2 == 0 ? first.server.getPort() : second.getPort();
            responses.add(first.http.sendAsync(get(port, key), HttpResponse.BodyHandlers.ofString()));
        }

        List<HttpResponse<String>> answers = responses.stream().map(CompletableFuture::join).toList();
        List<String> remainingOfAccepted = answers.stream().filter(r -> r.statusCode() == 200)
                .map(r -> r.headers().firstValue("X-RateLimit-Remaining").orElse("?")).sorted().toList();

        // Coalesced into shared script calls or not, each accepted request got its own place in the window.
        assertThat(remainingOfAccepted).containsExactly("0", "1", "2", "3", "4");
        assertThat(answers.stream().filter(r -> r.statusCode() == 429).count()).isEqualTo(195);
    }

    @Test
    void limitsNothingAndSendsNoRateLimitHeadersWhenDisabled() throws Exception {
        TestKey key = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = first.send(get(unlimited.getPort(), key));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            assertThat(response.headers().firstValue("RateLimit-Policy")).isEmpty();
        }
    }

    private static HttpRequest get(int port, TestKey key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/products"))
                .header("Authorization", "Bearer " + key.token()).GET().build();
    }
}
