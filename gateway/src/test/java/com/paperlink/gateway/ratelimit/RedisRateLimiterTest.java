package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lua sliding window log on the machine's Redis, through two independent "gateway nodes". */
class RedisRateLimiterTest {

    private static final String PREFIX = TestRedis.uniquePrefix("ratelimit-redis");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static RedisRateLimiter nodeA;
    private static RedisRateLimiter nodeB;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        nodeA = new RedisRateLimiter(TestRedis.URL, PREFIX, TIMEOUT);
        nodeB = new RedisRateLimiter(TestRedis.URL, PREFIX, TIMEOUT);
        client = RedisClient.create(TestRedis.URL);
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void cleanUp() {
        List<String> keys = redis.keys(PREFIX + "*");
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
        connection.close();
        client.shutdown();
        nodeA.close();
        nodeB.close();
    }

    @Test
    void shouldAcceptExactlyTheLimitAndNotCountRejections() {
        RateLimitPolicy policy = new RateLimitPolicy(5, Duration.ofSeconds(60));
        List<RateLimitDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            decisions.add(acquire(nodeA, "exact", policy));
        }

        assertThat(decisions).extracting(RateLimitDecision::allowed)
                .containsExactly(true, true, true, true, true, false, false, false);
        assertThat(decisions).extracting(RateLimitDecision::remaining).containsExactly(4, 3, 2, 1, 0, 0, 0, 0);
        assertThat(decisions.get(7).retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(redis.zcard(nodeA.key("exact"))).isEqualTo(5);
    }

    @Test
    void shouldGiveCapacityBackOnceTheWindowHasPassed() throws InterruptedException {
        RateLimitPolicy policy = new RateLimitPolicy(2, Duration.ofSeconds(1));
        acquire(nodeA, "refill", policy);
        acquire(nodeA, "refill", policy);
        RateLimitDecision rejected = acquire(nodeA, "refill", policy);
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(1);

        Thread.sleep(1_100);

        assertThat(acquire(nodeA, "refill", policy).allowed()).isTrue();
        assertThat(redis.zcard(nodeA.key("refill"))).isEqualTo(1);
    }

    @Test
    void shouldKeepEachBucketInAHashTaggedKeyThatExpiresWithItsWindow() {
        acquire(nodeA, "key_tag", new RateLimitPolicy(3, Duration.ofSeconds(30)));

        String key = PREFIX + "{key_tag}";
        assertThat(nodeA.key("key_tag")).isEqualTo(key);
        assertThat(redis.exists(key)).isEqualTo(1);
        assertThat(redis.pttl(key)).isBetween(25_000L, 30_000L);
    }

    @Test
    void shouldTimeRequestsByTheRedisServerClock() {
        long before = redisMicros();
        RateLimitDecision decision = acquire(nodeA, "server-time", new RateLimitPolicy(3, Duration.ofSeconds(10)));
        long after = redisMicros();

        // The request's score and the reset come from Redis TIME, whatever this JVM's clock says.
        double score = redis.zrangeWithScores(nodeA.key("server-time"), 0, 0).get(0).getScore();
        assertThat((long) score).isBetween(before, after);
        assertThat(decision.resetEpochSeconds())
                .isBetween(before / 1_000_000 + 10, after / 1_000_000 + 11);
    }

    @Test
    void shouldNeverAdmitMoreThanTheLimitAcrossTwoNodesUnderConcurrency() {
        RateLimitPolicy policy = new RateLimitPolicy(50, Duration.ofSeconds(60));
        List<CompletableFuture<RateLimitDecision>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RedisRateLimiter node = i % 2 == 0 ? nodeA : nodeB;
            calls.add(node.acquire("two-nodes", policy).toCompletableFuture());
        }

        long allowed = calls.stream().map(CompletableFuture::join).filter(RateLimitDecision::allowed).count();

        assertThat(allowed).isEqualTo(50);
        assertThat(redis.zcard(nodeA.key("two-nodes"))).isEqualTo(50);
    }

    @Test
    void shouldSendTheScriptItselfToARedisThatHasNotSeenItYet() throws Exception {
        // A private server: flushing the shared server's script cache would disturb other test runs.
        try (PrivateRedis fresh = new PrivateRedis();
             RedisRateLimiter node = new RedisRateLimiter(fresh.uri(), PREFIX, TIMEOUT)) {
            fresh.start();
            RedisClient freshClient = RedisClient.create(fresh.uri());
            try (StatefulRedisConnection<String, String> freshConnection = freshClient.connect()) {
                assertThat(freshConnection.sync().scriptExists(RedisRateLimiter.SCRIPT_SHA)).containsExactly(false);

                assertThat(acquire(node, "noscript", new RateLimitPolicy(3, Duration.ofSeconds(60))).remaining())
                        .isEqualTo(2);
                assertThat(freshConnection.sync().scriptExists(RedisRateLimiter.SCRIPT_SHA)).containsExactly(true);
            } finally {
                freshClient.shutdown();
            }
        }
    }

    private static RateLimitDecision acquire(RedisRateLimiter node, String bucket, RateLimitPolicy policy) {
        return node.acquire(bucket, policy).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static long redisMicros() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    }
}
