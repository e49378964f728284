package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.MutableClock;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.testing.TestDatabase;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roll with grace, disable/enable and per-key rate limits at the gateway: two nodes on one PostgreSQL keys table
 * and one Redis (plus a third node without Redis), real HTTP, keys written as key-admin writes them. Both Redis
 * nodes judge expiry by one injected clock, so a grace period ends when the test says.
 */
@Timeout(180)
class KeyLifecycleGatewayTest {

    private static final String CHANNEL = TestRedis.uniquePrefix("lifecycle-events") + "key-events";
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    private static TestDatabase database;
    private static RecordingUpstream live;
    private static RecordingUpstream test;
    private static EmbeddedServer first;
    private static EmbeddedServer second;
    private static EmbeddedServer withoutRedis;
    private static RedisClient redis;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("keylifecycle");
        live = new RecordingUpstream("live");
        test = new RecordingUpstream("test");
        Map<String, Object> properties = new HashMap<>(database.properties());
        for (String route : new String[] {"products", "documents"}) {
            properties.put("gateway.routes." + route + ".live-url", live.url());
            properties.put("gateway.routes." + route + ".test-url", test.url());
        }
        properties.put("micronaut.server.port", -1);
        Map<String, Object> shared = new HashMap<>(properties);
        shared.put("redis.uri", TestRedis.URL);
        shared.put("paperlink.key-events.channel", CHANNEL);
        shared.put("gateway.rate-limit.key-prefix", TestRedis.uniquePrefix("lifecycle-rl"));
        // a slow shared machine must not push a node onto its per-node fallback mid-test
        shared.put("gateway.rate-limit.redis-timeout", "5s");
        first = node(shared);
        second = node(shared);
        withoutRedis = node(properties);
        redis = RedisClient.create(TestRedis.URL);
    }

    private static EmbeddedServer node(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(CLOCK).start();
        return context.getBean(EmbeddedServer.class).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {first, second, withoutRedis}) {
            if (resource != null) {
                ((EmbeddedServer) resource).getApplicationContext().close();
            }
        }
        if (redis != null) {
            redis.shutdown();
        }
        live.close();
        test.close();
        database.close();
    }

    @Test
    void rolledKeyWorksOnEveryNodeDuringTheGraceAndOnlyTheNewKeyAfterIt() throws Exception {
        Key old = insert(null, null, null);
        Key successor = roll(old, CLOCK.instant().plusSeconds(3600));

        for (EmbeddedServer node : List.of(first, second)) {
            assertThat(get(node, old).statusCode()).isEqualTo(200);
            assertThat(get(node, successor).statusCode()).isEqualTo(200);
        }

        CLOCK.advance(Duration.ofSeconds(3601));

        for (EmbeddedServer node : List.of(first, second)) {
            HttpResponse<String> rejected = get(node, old);
            assertThat(rejected.statusCode()).isEqualTo(401);
            assertThat(rejected.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"PaperLink API\"");
            assertThat(rejected.body()).contains("\"code\":\"unauthorized\"");
            assertThat(get(node, successor).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rolledPairSpendsOneBudgetAcrossBothTokensAndBothNodes() throws Exception {
        Key old = insert(null, 5, 3600);
        Key successor = roll(old, CLOCK.instant().plus(Duration.ofDays(1)));
        warmUp();

        List<Integer> statuses = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = get(i % 2 == 0 ? first : second, i % 4 < 2 ? old : successor);
            statuses.add(response.statusCode());
            remaining.add(response.headers().firstValue("X-RateLimit-Remaining").orElse("?"));
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 12)).containsOnly(429);
        assertThat(remaining.subList(0, 5)).containsExactly("4", "3", "2", "1", "0");
    }

    @Test
    void rolledPairSpendsOneBudgetOnANodeWithoutRedis() throws Exception {
        Key old = insert(null, 3, 3600);
        Key successor = roll(old, CLOCK.instant().plus(Duration.ofDays(1)));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(get(withoutRedis, i % 2 == 0 ? old : successor).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429, 429, 429);
    }

    @Test
    void perKeyLimitOfFivePerTenSecondsIsExactAcrossTwoNodesUnderOneHundredConcurrentRequests() throws Exception {
        warmUp();
        Key key = insert(null, 5, 10);

        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(HTTP.sendAsync(request(i % 2 == 0 ? first : second, key), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = pending.stream().map(CompletableFuture::join).toList();

        List<String> remainingOfAccepted = answers.stream().filter(r -> r.statusCode() == 200)
                .map(r -> r.headers().firstValue("X-RateLimit-Remaining").orElse("?")).sorted().toList();
        assertThat(remainingOfAccepted).containsExactly("0", "1", "2", "3", "4");
        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).hasSize(95);
        assertThat(limited).allSatisfy(r -> {
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
            assertThat(r.headers().firstValue("RateLimit-Policy")).hasValue("\"default\";q=5;w=10");
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
            assertThat(r.body()).contains("\"code\":\"rate_limit_exceeded\"");
        });
    }

    @Test
    void everyAnswerShowsTheKeysOwnPolicyAndKeysWithoutOneGetTheDefault() throws Exception {
        Key own = insert(null, 5, 10);
        Key plain = insert(null, null, null);

        HttpResponse<String> ownAnswer = get(first, own);
        HttpResponse<String> plainAnswer = get(second, plain);

        assertThat(ownAnswer.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
        assertThat(ownAnswer.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        assertThat(ownAnswer.headers().firstValue("RateLimit-Policy")).hasValue("\"default\";q=5;w=10");
        assertThat(plainAnswer.headers().firstValue("X-RateLimit-Limit")).hasValue("60");
        assertThat(plainAnswer.headers().firstValue("RateLimit-Policy")).hasValue("\"default\";q=60;w=60");
    }

    @Test
    void disabledKeyIsRejectedByBothNodesAtOnceAndWorksAgainWhenEnabled() throws Exception {
        Key key = insert(null, null, null);
        assertThat(get(first, key).statusCode()).isEqualTo(200);
        assertThat(get(second, key).statusCode()).isEqualTo(200);

        setDisabled(key, Instant.now());

        for (EmbeddedServer node : List.of(first, second)) {
            HttpResponse<String> rejected = awaitStatus(node, key, 401);
            assertThat(rejected.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"PaperLink API\"");
            assertThat(rejected.body()).contains("\"code\":\"unauthorized\"");
        }

        setDisabled(key, null);

        assertThat(awaitStatus(first, key, 200).statusCode()).isEqualTo(200);
        assertThat(awaitStatus(second, key, 200).statusCode()).isEqualTo(200);
    }

    /** What key-admin does on PATCH {enabled}: the column, then the event with the token hash. */
    private static void setDisabled(Key key, Instant disabledAt) throws Exception {
        execute("UPDATE api_key SET disabled_at = ? WHERE id = ?",
                disabledAt == null ? null : Timestamp.from(disabledAt), key.id);
        try (var connection = redis.connect()) {
            connection.sync().publish(CHANNEL, key.hash);
        }
    }

    /**
     * The answer once it has the expected status. With Redis events this is a matter of milliseconds; the deadline
     * is the revocation bound without them (5 s) plus room for a loaded machine.
     */
    private static HttpResponse<String> awaitStatus(EmbeddedServer node, Key key, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        HttpResponse<String> response = get(node, key);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = get(node, key);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    /** Both nodes connect to Redis before a race. */
    private static void warmUp() throws Exception {
        Key warm = insert(null, null, null);
        get(first, warm);
        get(second, warm);
    }

    private record Key(String id, String token, String hash) {
    }

    /** An active live key with its own limit (or the default with nulls), spending {@code bucket} (its id when null). */
    private static Key insert(String bucket, Integer requests, Integer windowSeconds) throws Exception {
        return insert(KeyIds.newId(), bucket, requests, windowSeconds, null);
    }

    private static Key insert(String id, String bucket, Integer requests, Integer windowSeconds, String rolledFrom)
            throws Exception {
        ApiKeyToken token = ApiKeyToken.generate(KeyMode.LIVE);
        execute("""
                INSERT INTO api_key (id, team_id, name, prefix, token_hash, mode, scope, created_by_id, created_by_name,
                                     created_at, rate_limit_bucket, rate_limit_requests, rate_limit_window_seconds,
                                     rolled_from)
                VALUES (?, 'team_lifecycle', 'lifecycle key', ?, ?, 'live', 'read_write', 'u1', 'Tess Ter', ?, ?, ?, ?, ?)""",
                id, token.displayPrefix(), token.hash(), Timestamp.from(Instant.now()), bucket, requests, windowSeconds,
                rolledFrom);
        return new Key(id, token.reveal(), token.hash());
    }

    /** What key-admin's roll writes: a successor on the old key's bucket and limit; the old key expires at {@code graceEnds}. */
    private static Key roll(Key old, Instant graceEnds) throws Exception {
        Integer requests;
        Integer window;
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT rate_limit_requests, rate_limit_window_seconds FROM api_key WHERE id = ?")) {
            s.setString(1, old.id);
            var rows = s.executeQuery();
            rows.next();
            requests = (Integer) rows.getObject(1);
            window = (Integer) rows.getObject(2);
        }
        Key successor = insert(KeyIds.newId(), old.id, requests, window, old.id);
        execute("UPDATE api_key SET expires_at = ?, rolled_to = ? WHERE id = ?", Timestamp.from(graceEnds),
                successor.id, old.id);
        return successor;
    }

    private static void execute(String sql, Object... parameters) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static HttpResponse<String> get(EmbeddedServer node, Key key) throws Exception {
        return HTTP.send(request(node, key), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(EmbeddedServer node, Key key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getPort() + "/api/v1/products"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key.token).GET().build();
    }
}
