package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.paperlink.keys.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The composite against a private redis-server that the test starts and stops at will. */
class FallbackRateLimiterTest {

    private static final RateLimitPolicy THREE_PER_MINUTE = new RateLimitPolicy(3, Duration.ofSeconds(60));
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FallbackRateLimiter.class);
    private PrivateRedis privateRedis;
    private RedisRateLimiter redis;
    private FallbackRateLimiter limiter;

    @BeforeEach
    void setUp() throws Exception {
        log.start();
        logger.addAppender(log);
        privateRedis = new PrivateRedis();
        redis = new RedisRateLimiter(privateRedis.uri(), TestRedis.uniquePrefix("ratelimit-fallback"),
                Duration.ofMillis(250));
        limiter = new FallbackRateLimiter(redis, new LocalRateLimiter(Clock.systemUTC(), 1_000), RETRY_INTERVAL,
                registry);
    }

    @AfterEach
    void tearDown() throws Exception {
        logger.detachAppender(log);
        redis.close();
        privateRedis.close();
    }

    @Test
    void shouldLimitPerNodeWithoutRedisConfigured() {
        FallbackRateLimiter localOnly = new FallbackRateLimiter(null, new LocalRateLimiter(Clock.systemUTC(), 1_000),
                RETRY_INTERVAL, registry);

        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            allowed.add(acquire(localOnly, "key_local").allowed());
        }

        assertThat(allowed).containsExactly(true, true, true, false);
        assertThat(decisions("local", true)).isEqualTo(3);
        assertThat(decisions("local", false)).isEqualTo(1);
        assertThat(fallbacks()).isZero();
    }

    @Test
    void shouldAllowRequestWhenRedisIsDownButStillEnforceTheLimitPerNode() {
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            allowed.add(acquire(limiter, "key_down").allowed());
        }

        assertThat(allowed).containsExactly(true, true, true, false, false);
        assertThat(fallbacks()).isEqualTo(5);
        assertThat(decisions("local", true)).isEqualTo(3);
        assertThat(decisions("redis", true) + decisions("redis", false)).isZero();
    }

    @Test
    void shouldWarnOncePerOutageNotPerRequest() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            acquire(limiter, "key_warn");
            Thread.sleep(RETRY_INTERVAL.toMillis() / 2);
        }

        assertThat(events(Level.WARN)).hasSize(1);
        assertThat(events(Level.WARN).get(0).getFormattedMessage()).contains("limiting per gateway node");
    }

    @Test
    void shouldStartUsingRedisByItselfWhenItComesUpAfterTheGateway() throws Exception {
        acquire(limiter, "key_late");
        assertThat(fallbacks()).isEqualTo(1);

        privateRedis.start();

        awaitRedisDecision("key_late");
        assertThat(redisCommandsKeyExists("key_late")).isTrue();
        assertThat(events(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.contains("global again"));
    }

    @Test
    void shouldFallBackWhenRedisDiesAndReturnToRedisWhenItIsBack() throws Exception {
        privateRedis.start();
        assertThat(acquire(limiter, "key_outage").allowed()).isTrue();
        assertThat(decisions("redis", true)).isEqualTo(1);

        privateRedis.stop();
        RateLimitDecision duringOutage = acquire(limiter, "key_outage");
        assertThat(duringOutage.allowed()).isTrue();
        assertThat(fallbacks()).isEqualTo(1);
        assertThat(events(Level.WARN)).hasSize(1);

        privateRedis.start();
        awaitRedisDecision("key_outage");
        // The restarted server is empty, so the key's reappearance proves the decision came from it.
        assertThat(redisCommandsKeyExists("key_outage")).isTrue();
    }

    private void awaitRedisDecision(String bucket) throws InterruptedException {
        double before = decisions("redis", true) + decisions("redis", false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (decisions("redis", true) + decisions("redis", false) == before) {
            assertThat(System.nanoTime()).as("Redis used again within 20 s").isLessThan(deadline);
            acquire(limiter, bucket);
            Thread.sleep(50);
        }
    }

    private boolean redisCommandsKeyExists(String bucket) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(privateRedis.uri());
        try (var connection = client.connect()) {
            return connection.sync().exists(redis.key(bucket)) == 1;
        } finally {
            client.shutdown();
        }
    }

    private static RateLimitDecision acquire(RateLimiter limiter, String bucket) {
        return limiter.acquire(bucket, THREE_PER_MINUTE).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private double fallbacks() {
        return registry.get("paperlink.ratelimit.fallback").counter().count();
    }

    private double decisions(String backend, boolean allowed) {
        return registry.get("paperlink.ratelimit.decisions").tag("backend", backend)
                .tag("allowed", Boolean.toString(allowed)).counter().count();
    }

    private List<ILoggingEvent> events(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).toList();
    }
}
