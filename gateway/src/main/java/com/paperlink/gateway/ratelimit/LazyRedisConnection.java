package com.paperlink.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lettuce connection made on first use, not at start-up, so the gateway starts while Redis is
 * down (micronaut-redis' own connection bean connects eagerly). A failed connect is retried on the
 * next call; once connected, Lettuce reconnects by itself.
 *
 * <p>Tuned for a limiter that must answer fast or not at all: commands are rejected at once while
 * disconnected (instead of queueing until reconnect) and time out after {@code commandTimeout}.
 * With {@code autoFlush} false the owner batches its commands and calls {@code flushCommands()}, which
 * is only safe when one thread (one event loop) uses the connection.
 */
final class LazyRedisConnection implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final boolean autoFlush;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> current;

    LazyRedisConnection(RedisURI uri, ClientResources resources, Duration commandTimeout, boolean autoFlush) {
        this.uri = uri;
        this.autoFlush = autoFlush;
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
    }

    /** The connection, connecting now if there is none yet or the last attempt failed. */
    CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> connected = current;
        // Lock-free on the hot path; the lock only guards against two concurrent connects.
        return connected != null && !connected.isCompletedExceptionally() ? connected : connect();
    }

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connect() {
        if (current == null || current.isCompletedExceptionally()) {
            current = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().thenApply(connection -> {
                connection.setAutoFlushCommands(autoFlush);
                return connection;
            });
        }
        return current;
    }

    @Override
    public synchronized void close() {
        CompletionStage<StatefulRedisConnection<String, String>> connected = current;
        if (connected != null) {
            connected.thenAccept(StatefulRedisConnection::closeAsync);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
