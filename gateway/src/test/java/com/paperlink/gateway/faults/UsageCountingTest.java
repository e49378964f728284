package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.gateway.usage.BatchingKeyUsageRecorder;
import com.paperlink.gateway.usage.StatusClass;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivatePostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Usage counts equal the requests sent through real gateways, by status class, per key and per team, in the
 * hourly and the daily rows: when flushed on schedule, when the nodes stop cleanly (flush on shutdown, two nodes
 * adding to the same rows), and across a 20-second PostgreSQL outage (a private cluster, never the machine's).
 */
@Timeout(240)
class UsageCountingTest {

    private static PrivatePostgres postgres;
    private static MisbehavingUpstream upstream;
    private static String url;
    private static TestKeys keys;
    private static int database;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        upstream = MisbehavingUpstream.start();
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(upstream, postgres);
    }

    /** A fresh database per test: the counts of one never mix with another's. */
    private static Map<String, Object> freshDatabase(String label) {
        String name = "usage_" + label + "_" + (++database);
        postgres.createDatabase(name);
        url = postgres.jdbcUrl(name);
        keys = new TestKeys(() -> DriverManager.getConnection(url, "postgres", ""));
        return FaultGateway.databaseOf(postgres, name);
    }

    private static FaultGateway gateway(String label, Map<String, Object> database, Map<String, Object> extra) {
        Map<String, Object> props = FaultGateway.baseProperties(label, database, upstream.url(), upstream.url());
        props.put("gateway.routes.broken.path", "/broken");
        props.put("gateway.routes.broken.live-url", MisbehavingUpstream.refusingUrl());
        props.put("gateway.routes.broken.test-url", MisbehavingUpstream.refusingUrl());
        props.putAll(extra);
        return FaultGateway.start(props);
    }

    @Test
    void countsEveryAnswerOfAKeyByStatusClassAndTheTeamsKeysApart() throws Exception {
        Map<String, Object> db = freshDatabase("classes");
        try (FaultGateway gateway = gateway("usageclasses", db, Map.of("gateway.rate-limit.requests", 5,
                "gateway.usage.flush-interval", "1h"))) {
            TestKeys.Created writer = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
            TestKeys.Created reader = keys.create("team_b", KeyMode.LIVE, KeyScope.READ_ONLY);
            long[] sent = new long[4];
            for (String path : List.of("/products", "/products", "/products", "/nothing", "/broken", "/products",
                    "/products")) {
                count(sent, gateway.get("/api/v1" + path, writer.bearer()).statusCode());
            }
            assertThat(sent).as("3 × 200, 1 × 404, 2 × 429, 1 × 502").containsExactly(3, 1, 2, 1);
            int forbidden = post(gateway, "/api/v1/products", reader.bearer());
            assertThat(forbidden).isEqualTo(403);
            assertThat(gateway.get("/api/v1/products", null).statusCode()).as("no key, nobody's usage").isEqualTo(401);

            gateway.context().getBean(BatchingKeyUsageRecorder.class).flush();

            assertThat(usage(writer.id(), "hour")).containsExactly(3, 1, 2, 1);
            assertThat(usage(writer.id(), "day")).containsExactly(3, 1, 2, 1);
            assertThat(usage(reader.id(), "hour")).containsExactly(0, 1, 0, 0);
            assertThat(teamOf(reader.id())).isEqualTo("team_b");
            assertThat(lastUsedIp(writer.id())).isEqualTo("127.0.0.1");
            assertThat(rows()).as("one hourly and one daily row per key").isEqualTo(4);
        }
    }

    @Test
    void noCountIsLostWhenTwoNodesStopCleanly() throws Exception {
        Map<String, Object> db = freshDatabase("stop");
        FaultGateway first = gateway("usagestop1", db, Map.of("gateway.usage.flush-interval", "1h"));
        FaultGateway second = gateway("usagestop2", db, Map.of("gateway.usage.flush-interval", "1h"));
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        long[] sent;
        try {
            sent = sendConcurrently(List.of(first, second), key.bearer(), 200, 16);
            assertThat(usage(key.id(), "hour")).as("nothing written before the stop").containsExactly(0, 0, 0, 0);
        } finally {
            FaultGateway.closeAll(first, second);
        }

        assertThat(sent[0]).isEqualTo(200);
        assertThat(usage(key.id(), "hour")).containsExactly(sent);
        assertThat(usage(key.id(), "day")).containsExactly(sent);
    }

    @Test
    void noCountIsLostWhilePostgresIsStoppedFor20Seconds() throws Exception {
        Map<String, Object> db = freshDatabase("outage");
        try (FaultGateway gateway = gateway("usageoutage", db, Map.of("gateway.usage.flush-interval", "1s"))) {
            TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
            long[] sent = sendConcurrently(List.of(gateway), key.bearer(), 20, 4);
            awaitUsage(key.id(), sent);

            postgres.stopServer();
            long[] duringOutage = new long[4];
            try {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < end) {
                    long[] batch = sendConcurrently(List.of(gateway), key.bearer(), 8, 4);
                    for (int i = 0; i < 4; i++) {
                        duringOutage[i] += batch[i];
                    }
                }
                assertThat(gateway.context().getBean(BatchingKeyUsageRecorder.class).pending())
                        .as("the counts wait in memory").isEqualTo(1);
            } finally {
                postgres.startServer();
            }

            assertThat(duringOutage[0]).as("the cached key kept working").isPositive();
            long[] expected = new long[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = sent[i] + duringOutage[i];
            }
            awaitUsage(key.id(), expected);
            assertThat(usage(key.id(), "day")).containsExactly(expected);
        }
    }

    /** Sends {@code total} GETs spread over the nodes, {@code parallel} at a time; answers counted by class. */
    private static long[] sendConcurrently(List<FaultGateway> nodes, String bearer, int total, int parallel)
            throws Exception {
        AtomicLongArray counts = new AtomicLongArray(4);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                FaultGateway node = nodes.get(i % nodes.size());
                calls.add(pool.submit(() -> {
                    int status = node.get("/api/v1/products", bearer).statusCode();
                    counts.incrementAndGet(StatusClass.of(status).ordinal());
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        return new long[] {counts.get(0), counts.get(1), counts.get(2), counts.get(3)};
    }

    private static void count(long[] sent, int status) {
        sent[StatusClass.of(status).ordinal()]++;
    }

    private static int post(FaultGateway gateway, String path, String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                        .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitUsage(String keyId, long[] expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long[] seen = null;
        while (System.nanoTime() < deadline) {
            try {
                seen = usage(keyId, "hour");
                if (java.util.Arrays.equals(seen, expected)) {
                    return;
                }
            } catch (IllegalStateException databaseNotBackYet) {
                seen = null;
            }
            Thread.sleep(250);
        }
        assertThat(seen).as("hourly usage of " + keyId).containsExactly(expected);
    }

    /** The key's counts per class summed over its rows of one granularity. */
    private static long[] usage(String keyId, String granularity) {
        return query("SELECT COALESCE(SUM(status_2xx), 0), COALESCE(SUM(status_4xx), 0), COALESCE(SUM(status_429), 0),"
                + " COALESCE(SUM(status_5xx), 0) FROM key_usage WHERE key_id = ? AND granularity = ?", rs -> new long[] {
                rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, keyId, granularity);
    }

    private static String teamOf(String keyId) {
        return query("SELECT MIN(team_id) FROM key_usage WHERE key_id = ?", rs -> rs.getString(1), keyId);
    }

    private static String lastUsedIp(String keyId) {
        return query("SELECT last_used_ip FROM api_key WHERE id = ?", rs -> rs.getString(1), keyId);
    }

    private static long rows() {
        return query("SELECT COUNT(*) FROM key_usage", rs -> rs.getLong(1));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
