package com.paperlink.keyadmin.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.PrivateRedisSentinel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * key-admin configured with {@code REDIS_URL=redis-sentinel://…#mymaster} publishes its key events on the master
 * the sentinels name, and on the promoted replica once the master was killed.
 */
@MicronautTest(transactional = false)
@Timeout(180)
class KeyEventsSentinelTest extends KeyEventsRedisModesTest {

    private PrivateRedisSentinel sentinel;

    @Override
    protected Map<String, String> extraProperties() {
        sentinel = PrivateRedisSentinel.start();
        Map<String, String> props = new HashMap<>(channelProperty());
        props.put("redis.uri", sentinel.url());
        return props;
    }

    @AfterAll
    void stopSentinel() {
        closeSubscribers();
        sentinel.close();
    }

    @Test
    void revokePublishesTheTokenHashOnTheMaster() throws Exception {
        BlockingQueue<String> messages = subscribeOn(sentinel.masterPort());

        String hash = revokeNewKey("sentinel revoke");

        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo(hash);
    }

    @Test
    void eventsReachThePromotedReplicaAfterTheMasterIsKilled() throws Exception {
        revokeNewKey("before the kill"); // the publisher is connected
        int victim = sentinel.masterPort();

        sentinel.kill(victim);
        sentinel.awaitFailover(victim, 60_000);
        BlockingQueue<String> messages = subscribeOn(sentinel.masterPort());

        assertEventsArriveAgain(messages);
    }
}
