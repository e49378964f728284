package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivateRedis;
import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis dies while two gateway nodes serve a few hundred requests a second for one key (limit 50 per
 * 60 s): no 5xx at any moment, each node keeps limiting on its own while Redis is gone, and once Redis
 * is back (empty) the global limit is exact again, without restarting a node.
 */
@Timeout(120)
class RedisOutageUnderLoadTest {

    private static final int LIMIT = 50;

    private static TestDatabase database;
    private static PrivateRedis redis;
    private static MisbehavingUpstream upstream;
    private static FaultGateway nodeA;
    private static FaultGateway nodeB;
    private static TestKeys keys;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("redisoutage");
        redis = PrivateRedis.start();
        upstream = MisbehavingUpstream.start();
        Map<String, Object> props = FaultGateway.baseProperties("redisoutage", database.properties(), upstream.url(),
                upstream.url());
        props.put("redis.uri", redis.url());
        props.put("gateway.rate-limit.requests", LIMIT);
        props.put("gateway.rate-limit.window", "60s");
        props.put("gateway.rate-limit.redis-retry-interval", "200ms");
        nodeA = FaultGateway.start(props);
        nodeB = FaultGateway.start(props); // same Redis prefix: one global limit over both nodes
        keys = new TestKeys(database::connect);
    }

    @AfterAll
    static void stop() {
        Resources.closeQuietly(nodeA, nodeB, upstream, redis, database);
    }

    @Test
    void redisKilledUnderLoadNeverCausesServerErrorsAndTheGlobalLimitReturnsByItself() throws Exception {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        assertExactUnderLoadWhileRedisIsUp(key);

        Load load = new Load(List.of(nodeA, nodeB), key.bearer());
        load.phase("2a before the kill");
        Load.Counts counts = load.start(8, 300, Duration.ofSeconds(20));
        Thread.sleep(300);
        redis.kill();
        load.phase("2 redis down");
        Thread.sleep(3000);
        load.stop();
        System.out.println("redis killed under load: " + counts);

        assertThat(counts.countOtherThan("2a before the kill", 200, 429)).as(counts.toString()).isZero();
        assertThat(counts.countOtherThan("2 redis down", 200, 429)).as(counts.toString()).isZero();
        for (int node = 0; node < 2; node++) {
            assertThat(counts.count("2 redis down", node, 200)).as("node %d alone during the outage", node)
                    .isLessThanOrEqualTo(LIMIT);
            assertThat(counts.count("2 redis down", node, 429)).as("node %d keeps limiting", node).isPositive();
        }

        redis.startServer();
        assertGlobalLimitExactAgain();
    }

    @Test
    void redisRestartedWithItsDataGoneUnderLoadNeverCausesServerErrors() throws Exception {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        assertExactUnderLoadWhileRedisIsUp(key);

        Load load = new Load(List.of(nodeA, nodeB), key.bearer());
        load.phase("2a before the restart");
        Load.Counts counts = load.start(8, 300, Duration.ofSeconds(20));
        Thread.sleep(300);
        redis.kill();
        redis.startServer(); // back at once, empty
        load.phase("2 restarted empty");
        Thread.sleep(2500);
        load.stop();
        System.out.println("redis restarted empty under load: " + counts);

        assertThat(counts.countOtherThan("2a before the restart", 200, 429)).as(counts.toString()).isZero();
        assertThat(counts.countOtherThan("2 restarted empty", 200, 429)).as(counts.toString()).isZero();
        assertGlobalLimitExactAgain();
    }

    /**
     * 1.5 s of load over both nodes with Redis up: only 200/429, and exactly min(LIMIT, sent) admitted. Redis
     * itself never admits more; a node answers alone only when Redis is slower than redis-timeout (this box
     * is shared and loaded), and each such admission is counted in the metrics, so it is allowed for here.
     */
    private void assertExactUnderLoadWhileRedisIsUp(TestKeys.Created key) throws Exception {
        awaitRedisDecisions(); // both nodes connected: from here every decision is Redis's
        Load load = new Load(List.of(nodeA, nodeB), key.bearer());
        load.phase("1 redis up");
        double localBefore = localAllowed();
        Load.Counts counts = load.start(8, 300, Duration.ofSeconds(20));
        Thread.sleep(1500);
        load.stop();
        int local = (int) (localAllowed() - localBefore);
        System.out.println("redis up under load: " + counts + ", admitted by a node alone: " + local);
        assertThat(counts.countOtherThan("1 redis up", 200, 429)).as(counts.toString()).isZero();
        int sent = (int) counts.sent.get();
        assertThat(counts.count("1 redis up", 0, 200) + counts.count("1 redis up", 1, 200))
                .as("global limit while Redis is up").isBetween(Math.min(LIMIT, sent), Math.min(LIMIT, sent) + local);
    }

    /** A fresh key over both nodes gets exactly LIMIT successes once both nodes decide in Redis again. */
    private void assertGlobalLimitExactAgain() throws Exception {
        awaitRedisDecisions();
        TestKeys.Created fresh = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        int ok = 0;
        for (int i = 0; i < 3 * LIMIT; i++) {
            FaultGateway node = i % 2 == 0 ? nodeA : nodeB;
            int status = node.get("/api/v1/products/after", fresh.bearer()).statusCode();
            assertThat(status).isIn(200, 429);
            ok += status == 200 ? 1 : 0;
        }
        assertThat(ok).as("global limit exact again after Redis returned").isEqualTo(LIMIT);
    }

    private void awaitRedisDecisions() throws Exception {
        TestKeys.Created probe = keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE);
        for (FaultGateway node : List.of(nodeA, nodeB)) {
            MeterRegistry registry = node.context().getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            double before = redisDecisions(registry);
            while (redisDecisions(registry) == before && System.nanoTime() < deadline) {
                node.get("/api/v1/products/probe", probe.bearer());
                Thread.sleep(100);
            }
            assertThat(redisDecisions(registry)).as("node decides in Redis again").isGreaterThan(before);
        }
    }

    /** Requests admitted by a node on its own (Redis failed or answered later than redis-timeout), both nodes. */
    private static double localAllowed() {
        double sum = 0;
        for (FaultGateway node : List.of(nodeA, nodeB)) {
            sum += node.context().getBean(MeterRegistry.class).find("paperlink.ratelimit.decisions")
                    .tag("backend", "local").tag("allowed", "true").counters().stream().mapToDouble(c -> c.count()).sum();
        }
        return sum;
    }

    private static double redisDecisions(MeterRegistry registry) {
        return registry.find("paperlink.ratelimit.decisions").tag("backend", "redis").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
