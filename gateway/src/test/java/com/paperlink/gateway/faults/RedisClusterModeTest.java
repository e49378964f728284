package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivateRedisCluster;
import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway nodes on a real Redis Cluster (6 {@code redis-server} processes: 3 masters, 3 replicas) given as
 * {@code REDIS_CLUSTER_NODES} seeds: the limit is exact across both nodes for keys whose windows live on each of
 * the three masters; a revocation reaches both nodes within 1 s; a planned failover (the old master alive, now a
 * replica) and a master killed under load cause no 5xx, and once the replica has taken over the limit is exact again
 * and revocations still arrive, without a restart.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the planned failover first, the crash last
class RedisClusterModeTest {

    private static final int LIMIT = 20;

    private static TestDatabase database;
    private static PrivateRedisCluster cluster;
    private static MisbehavingUpstream upstream;
    private static FaultGateway nodeA;
    private static FaultGateway nodeB;
    private static TestKeys keys;
    private static RedisModeChecks checks;
    private static String channel;
    private static RedisConnector publisher;
    private static RedisConnector.Connection publishing;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("rediscluster");
        cluster = PrivateRedisCluster.start();
        upstream = MisbehavingUpstream.start();
        Map<String, Object> props = FaultGateway.baseProperties("rediscluster", database.properties(), upstream.url(),
                upstream.url());
        props.put("paperlink.redis.cluster-nodes", cluster.nodes());
        props.put("gateway.rate-limit.requests", LIMIT);
        props.put("gateway.rate-limit.window", "60s");
        props.put("gateway.rate-limit.redis-timeout", "2s"); // a loaded test machine must not push decisions local
        props.put("gateway.rate-limit.redis-retry-interval", "200ms");
        // Without the event a node would keep a revoked key for up to 4 s: the 1 s bound below tests the event.
        props.put("gateway.auth.fresh-for", "4s");
        props.put("gateway.auth.max-age", "4s");
        channel = (String) props.get("paperlink.key-events.channel");
        nodeA = FaultGateway.start(props);
        nodeB = FaultGateway.start(new HashMap<>(props));
        keys = new TestKeys(database::connect);
        checks = new RedisModeChecks(List.of(nodeA, nodeB), LIMIT);
        // key-admin's publisher: the same connector and options (RedisKeyEventPublisher)
        publisher = new RedisConnector(RedisTarget.of(null, cluster.nodes()).orElseThrow(), null, Duration.ofSeconds(2), false);
        publishing = publisher.connect().join();
    }

    @AfterAll
    static void stop() {
        Resources.closeQuietly(publisher, nodeA, nodeB, upstream, cluster, database);
    }

    @Test
    void limitIsExactAcrossTwoNodesForKeysOnEveryMaster() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        double localBefore = checks.localAdmissions();
        Set<Integer> mastersCovered = new TreeSet<>();
        for (int master : cluster.masterPorts()) {
            TestKeys.Created key = keyOnMaster(master);

            checks.assertExactUnderConcurrency(key);

            String windowKey = RedisModeChecks.redisKeyOf(nodeA, key.id());
            assertThat(cluster.command(master, "ZCARD", windowKey).trim()).as("the window lives on its slot's master")
                    .isEqualTo(Integer.toString(LIMIT));
            mastersCovered.add(master);
        }
        assertThat(mastersCovered).hasSize(3);
        assertThat(checks.localAdmissions()).as("no decision was made by a node alone").isEqualTo(localBefore);
    }

    @Test
    void revocationReachesBothNodesWithinOneSecond() throws Exception {
        TestKeys.Created key = keys.create("team_revoke", KeyMode.LIVE, KeyScope.READ_WRITE);

        long millis = checks.millisUntilRevokedOnBothNodes(key, keys, publishing, channel);

        System.out.println("cluster: revocation seen by both nodes after " + millis + " ms");
        assertThat(millis).isLessThan(1000);
    }

    @Test
    @Order(1)
    void plannedFailoverWithTheOldMasterAliveCausesNoServerErrorsAndTheLimitIsExactAgain() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        int old = cluster.masterPorts().get(1);
        TestKeys.Created loaded = keyOnMaster(old);
        int slot = RedisModeChecks.slotOf(nodeA, loaded.id());

        var failover = checks.underLoad(loaded, () -> {
            long start = System.currentTimeMillis();
            cluster.failover(old, 60_000);
            return System.currentTimeMillis() - start;
        });

        int promoted = cluster.masterOf(slot);
        assertThat(promoted).isNotEqualTo(old);
        // The old master is alive and now a replica: requests for its former slots are redirected (MOVED).
        long exactMillis = checks.millisUntilExactAgain(() -> keyOnMaster(promoted), Duration.ofSeconds(45));
        System.out.println("cluster: planned failover " + old + " -> " + promoted + " in " + failover.result()
                + " ms, limit exact in Redis again " + exactMillis + " ms later; answers " + failover.answers());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void masterKilledUnderLoadCausesNoServerErrorsAndTheLimitIsExactAgainAfterFailover() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        int victim = cluster.masterPorts().get(0);
        TestKeys.Created loaded = keyOnMaster(victim);
        int slot = RedisModeChecks.slotOf(nodeA, loaded.id());
        int[] healthDuringFailover = new int[1];

        var failover = checks.underLoad(loaded, () -> {
            cluster.kill(victim);
            healthDuringFailover[0] = Math.max(nodeA.health(), nodeB.health());
            return cluster.awaitFailover(victim, 60_000);
        });

        int newMaster = cluster.masterOf(slot);
        System.out.println("cluster: master " + victim + " killed, replica " + newMaster + " took over after "
                + failover.result() + " ms; answers " + failover.answers());
        assertThat(newMaster).isNotEqualTo(victim);
        assertThat(healthDuringFailover[0]).as("/health while a master is down").isEqualTo(200);

        long exactMillis = checks.millisUntilExactAgain(() -> keyOnMaster(newMaster), Duration.ofSeconds(45));
        System.out.println("cluster: limit exact again, decided in Redis, " + exactMillis + " ms after the failover");

        long millis = checks.millisUntilRevokedOnBothNodes(keys.create("team_revoke", KeyMode.LIVE, KeyScope.READ_WRITE),
                keys, publishing, channel);
        System.out.println("cluster: revocation after the failover seen by both nodes after " + millis + " ms");
        assertThat(millis).isLessThan(1000);
    }

    @Test
    void healthStaysUpAndDoesNotProbeAStandaloneRedis() throws Exception {
        for (FaultGateway node : List.of(nodeA, nodeB)) {
            var health = node.get("/health", null);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"rateLimiter\":\"redis\"").doesNotContain("redis(Primary)");
        }
    }

    /** A new key whose rate-limit window hashes to a slot that {@code masterPort} serves now. */
    private static TestKeys.Created keyOnMaster(int masterPort) {
        for (int attempt = 0; attempt < 200; attempt++) {
            TestKeys.Created key = keys.create("team_cluster", KeyMode.LIVE, KeyScope.READ_WRITE);
            if (cluster.masterOf(RedisModeChecks.slotOf(nodeA, key.id())) == masterPort) {
                return key;
            }
        }
        throw new IllegalStateException("no key landed on master " + masterPort);
    }
}
