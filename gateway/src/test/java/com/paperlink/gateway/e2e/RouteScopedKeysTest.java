package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.auth.KeyEventsSubscriber;
import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.TokenHash;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Route-scoped keys on two gateway nodes sharing one keys table (PostgreSQL) and one Redis: a key limited
 * to documents is refused on products by both nodes with 403 {@code route_not_allowed}, before the rate
 * limit (it spends nothing there), and a change of its routes reaches both nodes within the revocation bound.
 */
class RouteScopedKeysTest {

    private static final int LIMIT = 5; // the change test spends 4 (one per 200 on each node)
    private static GatewayHarness first;
    private static EmbeddedServer second;
    private static String channel;

    @BeforeAll
    static void start() throws Exception {
        channel = TestRedis.uniquePrefix("route-scope-events");
        Map<String, Object> shared = Map.of("redis.uri", TestRedis.URL,
                "gateway.rate-limit.key-prefix", TestRedis.uniquePrefix("route-scope-rl"),
                "gateway.rate-limit.requests", LIMIT,
                "gateway.rate-limit.redis-timeout", "5s",
                "paperlink.key-events.channel", channel,
                // long enough that only the key event explains a change seen within a second or two
                "gateway.auth.fresh-for", "4s",
                "gateway.auth.max-age", "4s");
        first = new GatewayHarness("routescope", shared);
        Map<String, Object> properties = first.context().getEnvironment()
                .getProperties("gateway", io.micronaut.core.naming.conventions.StringConvention.RAW).entrySet().stream()
                .collect(Collectors.toMap(e -> "gateway." + e.getKey(), Map.Entry::getValue));
        properties = new HashMap<>(properties);
        properties.putAll(first.database.properties());
        properties.putAll(shared);
        properties.put("micronaut.server.port", -1);
        second = ApplicationContext.run(EmbeddedServer.class, properties);
        for (EmbeddedServer node : List.of(first.server, second)) {
            await(() -> node.getApplicationContext().getBean(KeyEventsSubscriber.class).isSubscribed(),
                    Duration.ofSeconds(15));
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void documentsOnlyKeyReachesDocumentsOnBothNodes() throws Exception {
        TestKey key = keyWithRoutes("documents");

        for (int port : ports()) {
            HttpResponse<String> response = get(port, "/api/v1/documents", key);

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void documentsOnlyKeyIsRefusedOnProductsByBothNodesWithRouteNotAllowed() throws Exception {
        TestKey key = keyWithRoutes("documents");

        for (int port : ports()) {
            HttpResponse<String> response = get(port, "/api/v1/products/p1?x=1", key);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).contains("\"code\":\"route_not_allowed\"").contains("\"requestId\":");
        }
        assertThat(first.live.receivedFor(key.id())).isFalse();
    }

    @Test
    void refusedRouteSpendsNoRateLimitBudget() throws Exception {
        TestKey key = keyWithRoutes("documents");

        for (int i = 0; i < LIMIT + 2; i++) {
            HttpResponse<String> refused = get(ports().get(i % 2), "/api/v1/products", key);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
        HttpResponse<String> allowed = get(second.getPort(), "/api/v1/documents", key);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(LIMIT - 1));
    }

    @Test
    void keyWithoutRoutesReachesEveryRoute() throws Exception {
        TestKey key = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        assertThat(get(first.server.getPort(), "/api/v1/products", key).statusCode()).isEqualTo(200);
        assertThat(get(second.getPort(), "/api/v1/documents", key).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIsStillNotFoundForARouteScopedKey() throws Exception {
        TestKey key = keyWithRoutes("documents");

        HttpResponse<String> response = get(first.server.getPort(), "/api/v1/orders", key);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"not_found\"");
    }

    @Test
    void changedRoutesTakeEffectOnBothNodesWithinTheRevocationBound() throws Exception {
        TestKey key = keyWithRoutes("documents");
        for (int port : ports()) {
            assertThat(get(port, "/api/v1/products", key).statusCode()).isEqualTo(403);
            assertThat(get(port, "/api/v1/documents", key).statusCode()).isEqualTo(200);
        }

        setRoutes(key, "products"); // as key-admin's PATCH does: the row, then the event
        publish(TokenHash.sha256Hex(key.token()));

        for (int port : ports()) {
            await(() -> status(port, "/api/v1/products", key) == 200, Duration.ofSeconds(5));
            assertThat(get(port, "/api/v1/documents", key).statusCode()).isEqualTo(403);
        }
    }

    private static List<Integer> ports() {
        return List.of(first.server.getPort(), second.getPort());
    }

    private static TestKey keyWithRoutes(String column) throws Exception {
        TestKey key = first.key(KeyMode.LIVE, KeyScope.READ_ONLY);
        setRoutes(key, column);
        return key;
    }

    private static void setRoutes(TestKey key, String column) throws Exception {
        try (Connection c = first.database.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET routes = ? WHERE id = ?")) {
            s.setString(1, column);
            s.setString(2, key.id());
            s.executeUpdate();
        }
    }

    private static HttpResponse<String> get(int port, String path, TestKey key) throws Exception {
        return first.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key.token()).GET().build());
    }

    private static int status(int port, String path, TestKey key) {
        try {
            return get(port, path, key).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publish(String hash) {
        RedisClient client = RedisClient.create(TestRedis.URL);
        try (var connection = client.connect()) {
            connection.sync().publish(channel, hash);
        } finally {
            client.shutdown();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
