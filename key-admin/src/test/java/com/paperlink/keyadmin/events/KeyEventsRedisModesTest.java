package com.paperlink.keyadmin.events;


import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.TokenHash;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Shared by the Cluster and Sentinel publishing tests: plain subscribers on chosen Redis servers, and revokes
 * through key-admin's API whose events they must receive.
 */
abstract class KeyEventsRedisModesTest extends KeyAdminTest {

    protected static final String TEAM = "team-modes";
    protected final String channel = TestRedis.uniquePrefix("keyeventsmodes") + "key-events";
    protected final String owner = TestJwt.owner("u-modes", TEAM);
    private final List<RedisClient> clients = new ArrayList<>();

    /** One subscriber on the server at {@code port}; its messages go to the returned queue. */
    protected BlockingQueue<String> subscribeOn(int port) {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        clients.add(client);
        StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                messages.add(message);
            }
        });
        subscription.sync().subscribe(channel);
        return messages;
    }

    protected String revokeNewKey(String name) {
        Reply created = api.create(TEAM, owner, name);
        api.revoke(TEAM, created.get("id"), owner);
        return TokenHash.sha256Hex(created.get("token"));
    }

    /**
     * After a failover the publisher's first event may be lost (best effort, like any event during an outage):
     * revokes a new key each second until one's event reaches {@code messages}; fails after 15 tries.
     */
    protected void assertEventsArriveAgain(BlockingQueue<String> messages) throws InterruptedException {
        for (int attempt = 0; attempt < 15; attempt++) {
            String hash = revokeNewKey("after failover " + attempt);
            String received = messages.poll(1, TimeUnit.SECONDS);
            while (received != null && !received.equals(hash)) {
                received = messages.poll(200, TimeUnit.MILLISECONDS);
            }
            if (hash.equals(received)) {
                return;
            }
        }
        throw new AssertionError("no key event arrived after the failover");
    }

    protected Map<String, String> channelProperty() {
        return Map.of("paperlink.key-events.channel", channel);
    }

    protected void closeSubscribers() {
        clients.forEach(RedisClient::shutdown);
    }
}
