package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keys.RedisTarget;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the beans come together in a Micronaut context, with and without {@code redis.uri}. */
class RateLimiterWiringTest {

    @Test
    void shouldOfferOneRateLimiterWithTheDocumentedDefaultsWithoutRedis() {
        try (ApplicationContext context = ApplicationContext.run()) {
            RateLimitConfiguration config = context.getBean(RateLimitConfiguration.class);

            assertThat(context.getBeansOfType(RateLimiter.class)).hasSize(1);
            assertThat(context.findBean(RedisRateLimiter.class)).isEmpty();
            assertThat(config).isEqualTo(new RateLimitConfiguration(60, Duration.ofSeconds(60), "paperlink:rl:",
                    Duration.ofMillis(250), Duration.ofSeconds(1), 100_000));
            assertThat(config.defaultPolicy()).isEqualTo(new RateLimitPolicy(60, Duration.ofSeconds(60)));
            assertThat(acquire(context, "key_default", config.defaultPolicy()).remaining()).isEqualTo(59);
        }
    }

    @Test
    void shouldStartAndAnswerWhenTheConfiguredRedisIsDown() throws Exception {
        String deadRedis = new PrivateRedis().uri();
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", deadRedis))) {
            assertThat(context.getBeansOfType(RateLimiter.class)).hasSize(1);
            assertThat(context.findBean(RedisRateLimiter.class)).isPresent();

            RateLimitDecision decision = acquire(context, "key_dead", new RateLimitPolicy(5, Duration.ofSeconds(60)));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(4);
        }
    }

    @Test
    void shouldCountInTheConfiguredRedisUnderTheConfiguredPrefix() {
        String prefix = TestRedis.uniquePrefix("ratelimit-wiring");
        Map<String, Object> properties = Map.of("redis.uri", TestRedis.URL, "gateway.rate-limit.key-prefix", prefix);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            acquire(context, "key_wired", new RateLimitPolicy(5, Duration.ofSeconds(5)));
        }

        RedisClient client = RedisClient.create(TestRedis.URL);
        try (var connection = client.connect()) {
            assertThat(connection.sync().zcard(prefix + "{key_wired}")).isEqualTo(1);
            connection.sync().del(prefix + "{key_wired}");
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "requests, 0",
            "requests, 1000001",
            "window, 500ms",
            "window, 2h",
            "key-prefix, 'rl:{x}:'",
            "redis-timeout, 0s",
            "redis-retry-interval, 2m",
            "local-max-buckets, 0"})
    void shouldRefuseToStartOnAnInvalidSettingAndNameIt(String key, String value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("gateway.rate-limit." + key, value);

        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("gateway.rate-limit." + key + " must be");
    }

    @Test
    void shouldStartInClusterModeAndAnswerWhenNoSeedIsReachable() {
        String deadSeeds = "127.0.0.1:" + ServiceProcess.freePort() + ",127.0.0.1:" + ServiceProcess.freePort();
        try (ApplicationContext context = ApplicationContext.run(Map.of("paperlink.redis.cluster-nodes", deadSeeds))) {
            assertThat(context.getBean(RedisRateLimiter.class).target().mode()).isEqualTo(RedisTarget.Mode.CLUSTER);

            RateLimitDecision decision = acquire(context, "key_cluster_dead", new RateLimitPolicy(5, Duration.ofSeconds(60)));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            redis.uri                     | redis-sentinel://127.0.0.1:26379    | REDIS_URL
            paperlink.redis.cluster-nodes | 127.0.0.1                           | REDIS_CLUSTER_NODES
            """)
    void shouldRefuseToStartOnAMalformedRedisSettingAndNameIt(String property, String value, String variable) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(property, value)).close())
                .hasStackTraceContaining(variable).hasStackTraceContaining(property);
    }

    @Test
    void shouldRefuseToStartWithBothRedisUrlAndClusterNodes() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("redis.uri", "redis://127.0.0.1:1",
                "paperlink.redis.cluster-nodes", "127.0.0.1:2")).close())
                .hasStackTraceContaining("REDIS_URL").hasStackTraceContaining("REDIS_CLUSTER_NODES");
    }

    private static RateLimitDecision acquire(ApplicationContext context, String bucket, RateLimitPolicy policy) {
        return context.getBean(RateLimiter.class).acquire(bucket, policy)
                .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
