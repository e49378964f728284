package com.paperlink.gateway.auth;

import com.paperlink.gateway.redis.RedisSettings;
import com.paperlink.keys.KeyEvents;
import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to key-admin's change channel and drops the changed key from the cache at once, so a revoke
 * reaches every node in milliseconds (without Redis, {@link AuthConfiguration#maxAge()} bounds it).
 *
 * <p>Connects in the background and keeps retrying, so the gateway starts and serves while Redis is
 * down; once connected, Lettuce reconnects and re-subscribes by itself. On a Redis Cluster it subscribes
 * on one node (PUBLISH reaches every node) and moves to another when that node fails; with Sentinel it
 * follows the master the sentinels name. Events missed while disconnected are covered by the cache's max
 * age (clearing the cache instead would turn a Redis blip during a database outage into 503s for every key).
 */
@Context
@Requires(condition = RedisSettings.class)
public final class KeyEventsSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(KeyEventsSubscriber.class);

    private final KeyCache cache;
    private final String channel;
    private final RedisConnector connector;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "key-events-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean closed;

    public KeyEventsSubscriber(KeyCache cache, @Nullable @Property(name = RedisTarget.URI_PROPERTY) String redisUri,
                               @Nullable @Property(name = RedisTarget.CLUSTER_NODES_PROPERTY) String clusterNodes,
                               @Property(name = "paperlink.key-events.channel", defaultValue = KeyEvents.DEFAULT_CHANNEL)
                               String channel) {
        this.cache = cache;
        this.channel = channel;
        this.connector = new RedisConnector(RedisSettings.read(redisUri, clusterNodes).orElseThrow(), null, null, false);
        retry.execute(this::connect);
    }

    /** True once subscribed (tests wait for it before publishing). */
    public boolean isSubscribed() {
        StatefulRedisPubSubConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    private void connect() {
        if (closed) {
            return;
        }
        connector.connectPubSub().whenComplete((pubSub, failure) -> {
            if (failure != null) {
                LOG.debug("Key events: Redis not reachable yet ({}); retrying", failure.getMessage());
                if (!closed) {
                    retry.schedule(this::connect, 1, TimeUnit.SECONDS);
                }
                return;
            }
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ignored, String tokenHash) {
                    cache.invalidate(tokenHash);
                }

                @Override
                public void subscribed(String ignored, long count) {
                    LOG.info("Key events: subscribed to Redis channel {}", channel);
                }
            });
            pubSub.async().subscribe(channel);
            connection = pubSub;
        });
    }

    @PreDestroy
    void close() {
        closed = true;
        retry.shutdownNow();
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current != null) {
            current.closeAsync();
        }
        connector.close();
    }
}
