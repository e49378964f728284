package com.paperlink.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.gateway.usage.BatchingKeyUsageRecorder;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.TestDatabase;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authenticator as wired in the gateway, against a real PostgreSQL keys table and real Redis events. */
class KeyAuthenticationStorageTest {

    private static TestDatabase database;
    private static ApplicationContext context;
    private static KeyAuthenticator authenticator;
    private static TestKeys keys;
    private static String channel;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("gateway-auth");
        channel = TestRedis.uniquePrefix("key-events");
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("redis.uri", TestRedis.URL);
        properties.put("paperlink.key-events.channel", channel);
        // Long enough that only the Redis event can explain a prompt rejection below.
        properties.put("gateway.auth.fresh-for", "4s");
        properties.put("gateway.auth.max-age", "4s");
        context = ApplicationContext.run(properties, "test");
        authenticator = context.getBean(KeyAuthenticator.class);
        keys = new TestKeys(database::connect);
        await(() -> context.getBean(KeyEventsSubscriber.class).isSubscribed(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void acceptsAnActiveKeyAndDescribesIt() {
        TestKeys.Created key = keys.create("team_a", KeyMode.TEST, KeyScope.READ_ONLY);

        AuthResult result = authenticate(key.bearer());

        assertThat(result.outcome()).isEqualTo(AuthOutcome.VALID);
        assertThat(result.key().id()).isEqualTo(key.id());
        assertThat(result.key().teamId()).isEqualTo("team_a");
        assertThat(result.key().mode()).isEqualTo(KeyMode.TEST);
        assertThat(result.key().scope()).isEqualTo(KeyScope.READ_ONLY);
    }

    @Test
    void rejectsAWellFormedTokenThatNoKeyHas() {
        assertThat(authenticate("Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal()).outcome())
                .isEqualTo(AuthOutcome.UNKNOWN);
    }

    @Test
    void rejectsAnExpiredKey() {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE,
                Instant.now().minusSeconds(1), null);

        assertThat(authenticate(key.bearer()).outcome()).isEqualTo(AuthOutcome.EXPIRED);
    }

    @Test
    void rejectsARevokedKeyAsSoonAsKeyAdminAnnouncesIt() {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        assertThat(authenticate(key.bearer()).outcome()).isEqualTo(AuthOutcome.VALID);

        keys.revoke(key.id());
        publish(key.hash());

        // Within the 4 s the cache would otherwise trust the entry: only the event can cause this.
        await(() -> authenticate(key.bearer()).outcome() == AuthOutcome.REVOKED, Duration.ofSeconds(3));
    }

    @Test
    void readsTheAllowlistOfAKey() {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE, null, "10.0.0.0/8,2001:db8::1");

        AuthResult result = authenticate(key.bearer());

        assertThat(result.key().allowedIps().allows(address("10.1.2.3"))).isTrue();
        assertThat(result.key().allowedIps().allows(address("2001:db8::1"))).isTrue();
        assertThat(result.key().allowedIps().allows(address("192.168.0.1"))).isFalse();
    }

    @Test
    void writesLastUseInOneBatchWhenFlushed() {
        TestKeys.Created key = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        BatchingKeyUsageRecorder recorder = context.getBean(BatchingKeyUsageRecorder.class);

        recorder.tally(key.id(), "team_a").used(address("203.0.113.7"));
        assertThat(keys.lastUsedAt(key.id())).isNull();
        recorder.flush();

        assertThat(keys.lastUsedAt(key.id())).isNotNull();
        assertThat(recorder.pending()).isZero();
    }

    private static AuthResult authenticate(String header) {
        return authenticator.authenticate(header).toCompletableFuture().join();
    }

    private static void publish(String hash) {
        RedisClient client = RedisClient.create(TestRedis.URL);
        try (var connection = client.connect()) {
            connection.sync().publish(channel, hash);
        } finally {
            client.shutdown();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void await(Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
