package com.paperlink.keyadmin.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.TokenHash;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes that affect authentication are published (token hash only) for the gateways' caches. */
@MicronautTest(transactional = false)
class KeyEventsTest extends KeyAdminTest {

    private static final String TEAM = "team-events";
    private final String channel = TestRedis.uniquePrefix("keyevents") + "key-events";
    private final String owner = TestJwt.owner("u-ev", TEAM);
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private RedisClient redis;
    private StatefulRedisPubSubConnection<String, String> subscription;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("redis.uri", TestRedis.URL, "paperlink.key-events.channel", channel);
    }

    @BeforeAll
    void subscribe() {
        redis = RedisClient.create(TestRedis.URL);
        subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                messages.add(message);
            }
        });
        subscription.sync().subscribe(channel);
    }

    @AfterAll
    void unsubscribe() {
        subscription.close();
        redis.shutdown();
    }

    @BeforeEach
    void forgetEarlierMessages() {
        messages.clear();
    }

    @Test
    void revokePublishesTheTokenHash() throws Exception {
        Reply created = api.create(TEAM, owner, "to revoke");
        api.revoke(TEAM, created.get("id"), owner);

        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo(TokenHash.sha256Hex(created.get("token")));
    }

    @Test
    void changingExpiryOrAllowlistPublishesButRenamingDoesNot() throws Exception {
        Reply renamed = api.create(TEAM, owner, "renamed only");
        Reply restricted = api.create(TEAM, owner, "restricted");

        api.patch(Api.keys(TEAM) + "/" + renamed.get("id"), owner, "{\"name\":\"new name\"}");
        api.patch(Api.keys(TEAM) + "/" + restricted.get("id"), owner, "{\"allowedIps\":[\"192.0.2.1\"]}");
        api.patch(Api.keys(TEAM) + "/" + restricted.get("id"), owner, "{\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

        // Events arrive in publish order: had the rename published, its hash would come first.
        String restrictedHash = TokenHash.sha256Hex(restricted.get("token"));
        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo(restrictedHash);
        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo(restrictedHash);
    }

    @Test
    void messagesNeverContainTheToken() throws Exception {
        Reply created = api.create(TEAM, owner, "secret stays secret");
        api.revoke(TEAM, created.get("id"), owner);

        assertThat(messages.poll(10, TimeUnit.SECONDS)).doesNotContain(created.get("token").substring(8));
    }

    @Test
    void disablingEnablingChangingTheLimitAndRollingPublishTheKeysHash() throws Exception {
        Reply created = api.create(TEAM, owner, "lifecycle events");
        String path = Api.keys(TEAM) + "/" + created.get("id");
        String hash = TokenHash.sha256Hex(created.get("token"));

        api.patch(path, owner, "{\"enabled\":false}");
        api.patch(path, owner, "{\"enabled\":true}");
        api.patch(path, owner, "{\"rateLimit\":{\"requests\":5,\"windowSeconds\":10}}");
        api.post(path + "/roll", owner, "{\"gracePeriodSeconds\":60}");

        for (int i = 0; i < 4; i++) {
            assertThat(messages.poll(10, TimeUnit.SECONDS)).as("event " + (i + 1)).isEqualTo(hash);
        }
    }
}
