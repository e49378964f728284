package com.paperlink.keyadmin.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.PrivateRedisCluster;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * key-admin configured with {@code paperlink.redis.cluster-nodes} (REDIS_CLUSTER_NODES) publishes its key events
 * on a real Redis Cluster: subscribers on every node get them, also after a master was killed and replaced.
 */
@MicronautTest(transactional = false)
@Timeout(180)
class KeyEventsClusterTest extends KeyEventsRedisModesTest {

    private PrivateRedisCluster cluster;

    @Override
    protected Map<String, String> extraProperties() {
        cluster = PrivateRedisCluster.start();
        Map<String, String> props = new HashMap<>(channelProperty());
        props.put("paperlink.redis.cluster-nodes", cluster.nodes());
        return props;
    }

    @AfterAll
    void stopCluster() {
        closeSubscribers();
        cluster.close();
    }

    @Test
    void revokePublishesTheTokenHashToSubscribersOnEveryNode() throws Exception {
        Map<Integer, BlockingQueue<String>> subscribers = new HashMap<>();
        cluster.topology().forEach(node -> subscribers.put(node.port(), subscribeOn(node.port())));

        String hash = revokeNewKey("cluster revoke");

        assertThat(subscribers).hasSize(6);
        for (Map.Entry<Integer, BlockingQueue<String>> subscriber : subscribers.entrySet()) {
            assertThat(subscriber.getValue().poll(10, TimeUnit.SECONDS)).as("subscriber on node %d", subscriber.getKey())
                    .isEqualTo(hash);
        }
    }

    @Test
    void eventsArriveAgainAfterAMasterIsKilledAndReplaced() throws Exception {
        int victim = cluster.masterPorts().get(0);
        int survivor = cluster.masterPorts().get(1);
        BlockingQueue<String> messages = subscribeOn(survivor);
        revokeNewKey("before the kill"); // the publisher is connected

        cluster.kill(victim);
        cluster.awaitFailover(victim, 60_000);
        messages.clear();

        assertEventsArriveAgain(messages);
    }
}
