package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivateRedisSentinel;
import com.paperlink.keys.testing.Resources;
import com.paperlink.keys.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway nodes on a real Sentinel deployment (master, replica, three sentinels) given as
 * {@code REDIS_URL=redis-sentinel://…#mymaster}: the limit is exact across both nodes; a revocation reaches both
 * within 1 s; the master killed under load causes no 5xx, and once the sentinels have promoted the replica the
 * limit is exact again and revocations still arrive, without a restart.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the planned failover first, the crash last
class RedisSentinelModeTest {

    private static final int LIMIT = 20;

    private static TestDatabase database;
    private static PrivateRedisSentinel sentinel;
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
        database = TestDatabase.create("redissentinel");
        sentinel = PrivateRedisSentinel.start();
        upstream = MisbehavingUpstream.start();
        Map<String, Object> props = FaultGateway.baseProperties("redissentinel", database.properties(), upstream.url(),
                upstream.url());
        props.put("redis.uri", sentinel.url());
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
        publisher = new RedisConnector(RedisTarget.of(sentinel.url(), null).orElseThrow(), null, Duration.ofSeconds(2), false);
        publishing = publisher.connect().join();
    }

    @AfterAll
    static void stop() {
        Resources.closeQuietly(publisher, nodeA, nodeB, upstream, sentinel, database);
    }

    @Test
    void limitIsExactAcrossTwoNodes() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        double localBefore = checks.localAdmissions();
        TestKeys.Created key = keys.create("team_sentinel", KeyMode.LIVE, KeyScope.READ_WRITE);

        checks.assertExactUnderConcurrency(key);

        assertThat(sentinel.command(sentinel.masterPort(), "ZCARD", RedisModeChecks.redisKeyOf(nodeA, key.id())).trim())
                .as("the window lives on the master the sentinels name").isEqualTo(Integer.toString(LIMIT));
        assertThat(checks.localAdmissions()).as("no decision was made by a node alone").isEqualTo(localBefore);
    }

    @Test
    void revocationReachesBothNodesWithinOneSecond() throws Exception {
        TestKeys.Created key = keys.create("team_revoke", KeyMode.LIVE, KeyScope.READ_WRITE);

        long millis = checks.millisUntilRevokedOnBothNodes(key, keys, publishing, channel);

        System.out.println("sentinel: revocation seen by both nodes after " + millis + " ms");
        assertThat(millis).isLessThan(1000);
    }

    @Test
    @Order(1)
    void plannedFailoverWithTheOldMasterAliveCausesNoServerErrorsAndTheLimitIsExactAgain() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        int old = sentinel.masterPort();

        var failover = checks.underLoad(keys.create("team_sentinel", KeyMode.LIVE, KeyScope.READ_WRITE), () -> {
            long start = System.currentTimeMillis();
            sentinel.failover(60_000);
            return System.currentTimeMillis() - start;
        });

        // The old master is alive and now a read-only replica: a node still talking to it would fail every decision.
        long exactMillis = checks.millisUntilExactAgain(
                () -> keys.create("team_sentinel", KeyMode.LIVE, KeyScope.READ_WRITE), Duration.ofSeconds(45));
        System.out.println("sentinel: planned failover " + old + " -> " + sentinel.masterPort() + " in "
                + failover.result() + " ms, limit exact in Redis again " + exactMillis + " ms later; answers "
                + failover.answers());
        assertThat(sentinel.command(old, "ROLE")).as("the old master lives on as a replica").startsWith("slave");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void masterKilledUnderLoadCausesNoServerErrorsAndTheLimitIsExactAgainAfterFailover() throws Exception {
        checks.awaitRedisDecisions(keys.create("team_probe", KeyMode.LIVE, KeyScope.READ_WRITE));
        int victim = sentinel.masterPort();

        var failover = checks.underLoad(keys.create("team_sentinel", KeyMode.LIVE, KeyScope.READ_WRITE), () -> {
            sentinel.kill(victim);
            return sentinel.awaitFailover(victim, 60_000);
        });

        System.out.println("sentinel: master " + victim + " killed, replica " + sentinel.masterPort()
                + " promoted after " + failover.result() + " ms; answers " + failover.answers());
        long exactMillis = checks.millisUntilExactAgain(
                () -> keys.create("team_sentinel", KeyMode.LIVE, KeyScope.READ_WRITE), Duration.ofSeconds(45));
        System.out.println("sentinel: limit exact again, decided in Redis, " + exactMillis + " ms after the failover");

        long millis = checks.millisUntilRevokedOnBothNodes(keys.create("team_revoke", KeyMode.LIVE, KeyScope.READ_WRITE),
                keys, publishing, channel);
        System.out.println("sentinel: revocation after the failover seen by both nodes after " + millis + " ms");
        assertThat(millis).isLessThan(1000);
    }
}
