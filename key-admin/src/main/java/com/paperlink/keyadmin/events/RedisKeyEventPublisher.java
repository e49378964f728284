package com.paperlink.keyadmin.events;

import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes on Redis pub/sub with a Lettuce connection made on first use, so key-admin starts and
 * serves while Redis is down. A failed connect is retried on the next event; commands fail fast
 * while disconnected instead of queueing. Failures are logged, never returned to the caller. With Sentinel
 * the connection follows the master the sentinels name; on a Redis Cluster PUBLISH goes to one node and the
 * cluster delivers it to subscribers on every node.
 */
final class RedisKeyEventPublisher implements KeyEventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyEventPublisher.class);
    private final RedisConnector connector;
    private final String channel;
    private CompletableFuture<RedisConnector.Connection> connection;

    RedisKeyEventPublisher(RedisTarget target, String channel) {
        this.connector = new RedisConnector(target, null, Duration.ofSeconds(2), true);
        this.channel = channel;
    }

    @Override
    public void keyChanged(String tokenHash) {
        try {
            connection()
                    .thenCompose(c -> c.commands().publish(channel, tokenHash).toCompletableFuture())
                    .whenComplete((receivers, error) -> {
                        if (error != null) {
                            LOG.warn("Could not publish a key event on {} (gateways notice within their cache TTL): {}",
                                    channel, error.toString());
                        } else {
                            LOG.debug("Key event published on {} to {} subscribers", channel, receivers);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Could not publish a key event on {}: {}", channel, e.toString());
        }
    }

    private synchronized CompletableFuture<RedisConnector.Connection> connection() {
        if (connection == null || connection.isCompletedExceptionally()) {
            connection = connector.connect();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.thenAccept(c -> c.stateful().closeAsync());
        }
        connector.close();
    }
}
