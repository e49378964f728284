package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.testing.HostileInputs;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivatePostgres;
import com.paperlink.keys.testing.QueryCounter;
import com.paperlink.keys.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of generated Authorization headers (seeded, so a failure replays) against the real gateway:
 * every one gets an answer (never a hang, never a 5xx), a 401 with the challenge or a 400/431 for what is
 * not even HTTP, always with the error shape; and a token that fails its checksum never costs a database
 * statement (counted with pg_stat_statements on a private cluster).
 */
@Timeout(120)
class HostileApiKeysTest {

    private static final long SEED = 20261123L;
    private static final int PER_FAMILY = 150;

    private static PrivatePostgres postgres;
    private static QueryCounter queries;
    private static MisbehavingUpstream upstream;
    private static FaultGateway gateway;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("paperlink");
        queries = QueryCounter.install(postgres, "paperlink");
        upstream = MisbehavingUpstream.start();
        Map<String, Object> database = FaultGateway.databaseOf(postgres, "paperlink");
        gateway = FaultGateway.start(FaultGateway.baseProperties("hostilekeys", database, upstream.url(), upstream.url()));
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(gateway, upstream, postgres);
    }

    @Test
    void checksumFailingAndMalformedKeysGetTheRightErrorAndNeverReachTheDatabase() throws Exception {
        List<HostileInputs.Sample> samples = new HostileInputs(SEED).apiKeyHeaders(PER_FAMILY).stream()
                .filter(s -> !s.family().equals("wrong scheme")).toList();
        long before = queries.apiKeyQueries();

        List<String> failures = fire(samples);

        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(queries.apiKeyQueries() - before).as("api_key statements for %d malformed keys", samples.size())
                .isZero();
        assertThat(upstream.requestHeads()).as("nothing reached the upstream").isEmpty();

        // The counter does see the gateway's lookups: a well-formed unknown key must cost one.
        new RawHttp(gateway.port(), 10_000).get("/api/v1/products",
                "Authorization: Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal());
        assertThat(queries.apiKeyQueries() - before).isPositive();
    }

    @Test
    void wrongSchemesAndMissingHeadersAreUnauthorized() throws Exception {
        List<HostileInputs.Sample> samples = new ArrayList<>(new HostileInputs(SEED + 1).apiKeyHeaders(PER_FAMILY)
                .stream().filter(s -> s.family().equals("wrong scheme")).toList());
        assertThat(fire(samples)).as("seed " + (SEED + 1)).isEmpty();
        RawHttp.Response none = new RawHttp(gateway.port(), 10_000).get("/api/v1/products");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"PaperLink API\"");
        assertThat(none.hasErrorShape()).isTrue();
    }

    /** Sends every sample (4 at a time) and returns the failures, described without the header value. */
    private static List<String> fire(List<HostileInputs.Sample> samples) throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 10_000);
        List<String> failures = new ArrayList<>();
        Map<String, Map<Integer, AtomicInteger>> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                HostileInputs.Sample sample = samples.get(i);
                int index = i;
                results.add(pool.submit(() -> {
                    RawHttp.Response response = http.get("/api/v1/products", "Authorization: " + sample.value());
                    outcomes.computeIfAbsent(sample.family(), f -> new ConcurrentHashMap<>())
                            .computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                    return check(response) ? null : sample.family() + " #" + index + " → " + response.status()
                            + " " + LogSafe.of(response.body());
                }));
            }
            for (Future<String> result : results) {
                String failure = result.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("hostile api keys, family → status → count: " + new TreeMap<>(outcomes));
        return failures;
    }

    private static boolean check(RawHttp.Response response) {
        if (!Set.of(400, 401, 431).contains(response.status()) || !response.hasErrorShape()) {
            return false;
        }
        return response.status() != 401 || "Bearer realm=\"PaperLink API\"".equals(response.header("WWW-Authenticate"));
    }
}
