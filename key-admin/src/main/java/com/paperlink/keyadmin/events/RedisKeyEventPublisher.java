package com.paperlink.keyadmin.events;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes on Redis pub/sub with a Lettuce connection made on first use, so key-admin starts and
 * serves while Redis is down. A failed connect is retried on the next event; commands fail fast
 * while disconnected instead of queueing. Failures are logged, never returned to the caller.
 */
final class RedisKeyEventPublisher implements KeyEventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyEventPublisher.class);
    private final RedisClient client;
    private final RedisURI uri;
    private final String channel;
    private CompletableFuture<StatefulRedisConnection<String, String>> connection;

    RedisKeyEventPublisher(String redisUri, String channel) {
        this.uri = RedisURI.create(redisUri);
        this.channel = channel;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
    }

    @Override
    public void keyChanged(String tokenHash) {
        try {
            connection()
                    .thenCompose(c -> c.async().publish(channel, tokenHash).toCompletableFuture())
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

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        if (connection == null || connection.isCompletedExceptionally()) {
            connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.thenAccept(StatefulRedisConnection::closeAsync);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
