package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivatePostgres;
import com.paperlink.keys.testing.QueryCounter;
import com.paperlink.keys.testing.TestRedis;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forged keys cost the attacker, not the database: two gateway nodes on one Redis behind a trusted proxy
 * (127.0.0.1, so the client address is the X-Forwarded-For entry), a private PostgreSQL whose statements
 * are counted, and a budget of 50 failed authentications per minute and client.
 */
@Timeout(180)
class FailedAuthenticationBudgetTest {

    private static final int BUDGET = 50;
    private static PrivatePostgres postgres;
    private static QueryCounter queries;
    private static MisbehavingUpstream upstream;
    private static FaultGateway first;
    private static FaultGateway second;
    private static FaultGateway narrow;
    private static TestKeys.Created valid;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("paperlink");
        queries = QueryCounter.install(postgres, "paperlink");
        upstream = MisbehavingUpstream.start();
        Map<String, Object> database = FaultGateway.databaseOf(postgres, "paperlink");
        Map<String, Object> properties = new HashMap<>(FaultGateway.baseProperties("authbudget", database,
                upstream.url(), upstream.url()));
        properties.put("redis.uri", TestRedis.URL);
        properties.put("gateway.trusted-proxies", List.of("127.0.0.1"));
        properties.put("gateway.auth.failure-budget", BUDGET);
        first = FaultGateway.start(properties);
        second = FaultGateway.start(properties);
        Map<String, Object> queue = new HashMap<>(properties);
        queue.put("gateway.auth.failure-budget", 1_000_000);
        queue.put("gateway.auth.lookup-threads", 1);
        queue.put("gateway.auth.lookup-queue", 2);
        narrow = FaultGateway.start(queue);
        valid = new TestKeys(() -> DriverManager.getConnection(postgres.jdbcUrl("paperlink"), "postgres", ""))
                .create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(narrow, second, first, upstream, postgres);
    }

    @Test
    void threeThousandForgedKeysFromOneAddressCostAtMostTheBudgetInLookups() throws Exception {
        String attacker = "203.0.113.7";
        // The valid key is held by both nodes before the flood, as a working integration's would be.
        assertThat(get(first, valid.bearer(), attacker).statusCode()).isEqualTo(200);
        assertThat(get(second, valid.bearer(), attacker).statusCode()).isEqualTo(200);
        long before = queries.keyLookups();
        long started = System.nanoTime();

        Map<Integer, Integer> forged = new TreeMap<>();
        List<Long> validMillis = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                FaultGateway node = i % 2 == 0 ? first : second;
                String token = "Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal();
                answers.add(pool.submit(() -> get(node, token, attacker)));
                if (i % 100 == 0) { // the office's working key, from the same address, throughout the flood
                    answers.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        HttpResponse<String> response = get(node, valid.bearer(), attacker);
                        synchronized (validMillis) {
                            validMillis.add((System.nanoTime() - start) / 1_000_000);
                        }
                        assertThat(response.statusCode()).as("the valid key keeps working").isEqualTo(200);
                        return null;
                    }));
                }
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response == null) {
                    continue;
                }
                forged.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 429) {
                    assertThat(FaultGateway.hasErrorShape(response.body(), "too_many_failed_authentications")).isTrue();
                    assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"))).isPositive();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long lookups = queries.keyLookups() - before;
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        // The valid key's entry is refreshed in the background once per fresh-for (2 s) on each node.
        long refreshes = 2 * (seconds / 2 + 1);
        validMillis.sort(null);
        System.out.println("3000 forged keys from one address over two nodes in " + seconds + " s: status → count "
                + forged + ", key lookups " + lookups + " (of which up to " + refreshes + " refreshes of the valid key)"
                + ", valid key ms sorted " + validMillis);

        assertThat(lookups).as("key lookups for 3000 forged keys").isLessThanOrEqualTo(BUDGET + refreshes);
        assertThat(forged.get(401)).isLessThanOrEqualTo(BUDGET);
        assertThat(forged.get(429)).isGreaterThanOrEqualTo(3_000 - BUDGET);
        assertThat(forged.keySet()).containsOnly(401, 429);

        // Another address is not affected; nor is a valid key from the flooded one.
        assertThat(get(first, "Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal(), "198.51.100.9").statusCode())
                .isEqualTo(401);
        assertThat(get(second, valid.bearer(), attacker).statusCode()).isEqualTo(200);
    }

    @Test
    void garbageKeysAlsoSpendTheBudgetWithoutAnyLookup() throws Exception {
        String client = "203.0.113.99";
        long before = queries.keyLookups();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < BUDGET + 10; i++) {
            statuses.merge(get(i % 2 == 0 ? first : second, "Bearer not-a-key", client).statusCode(), 1, Integer::sum);
        }

        assertThat(statuses).isEqualTo(Map.of(401, BUDGET, 429, 10));
        assertThat(queries.keyLookups() - before).isZero();
    }

    @Test
    void aFullLookupQueueAnswers503AndRecovers() throws Exception {
        try (Connection lock = DriverManager.getConnection(postgres.jdbcUrl("paperlink"), "postgres", "");
             Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE"); // every lookup now waits
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    String token = "Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal();
                    String client = "192.0.2." + (i + 1);
                    answers.add(pool.submit(() -> get(narrow, token, client)));
                }
                Thread.sleep(1_500);
                lock.rollback(); // the database answers again
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() == 503) {
                        assertThat(FaultGateway.hasErrorShape(response.body(), "auth_unavailable")).isTrue();
                        assertThat(response.headers().firstValue("Retry-After")).contains("1");
                    }
                }
                System.out.println("12 lookups against 1 thread + a queue of 2: " + statuses);
                assertThat(statuses.get(503)).as("beyond the queue's bound").isGreaterThanOrEqualTo(9);
                assertThat(statuses.keySet()).containsOnly(401, 503);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(get(narrow, valid.bearer(), "192.0.2.200").statusCode()).as("recovered").isEqualTo(200);
    }

    private static HttpResponse<String> get(FaultGateway node, String authorization, String client) throws Exception {
        return node.get("/api/v1/products", authorization, "X-Forwarded-For", client);
    }
}
