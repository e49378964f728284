package com.paperlink.gateway.ratelimit;

import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lettuce connection made on first use, not at start-up, so the gateway starts while Redis is
 * down (micronaut-redis' own connection bean connects eagerly). A failed connect is retried on the
 * next call; once connected, Lettuce reconnects by itself (for Sentinel to whichever master the sentinels
 * name, for a cluster to each slot's current master).
 *
 * <p>Tuned for a limiter that must answer fast or not at all: commands are rejected at once while
 * disconnected (instead of queueing until reconnect) and time out after {@code commandTimeout}.
 * With {@code autoFlush} false the owner batches its commands and calls {@code flushCommands()}, which
 * is only safe when one thread (one event loop) uses the connection. A cluster connection always flushes
 * each command itself: Lettuce writes some commands later, from its own callbacks (the first command to a
 * node it is still connecting to, a MOVED redirect), and those would wait for the owner's next flush.
 */
final class LazyRedisConnection implements AutoCloseable {

    private final RedisConnector connector;
    private final boolean autoFlush;
    private volatile CompletableFuture<RedisConnector.Connection> current;

    LazyRedisConnection(RedisTarget target, ClientResources resources, Duration commandTimeout, boolean autoFlush) {
        this.connector = new RedisConnector(target, resources, commandTimeout, true);
        this.autoFlush = autoFlush || target.mode() == RedisTarget.Mode.CLUSTER;
    }

    /** False when the owner must call {@code flushCommands()} after writing. */
    boolean autoFlush() {
        return autoFlush;
    }

    /** The connection, connecting now if there is none yet or the last attempt failed. */
    CompletableFuture<RedisConnector.Connection> connection() {
        CompletableFuture<RedisConnector.Connection> connected = current;
        // Lock-free on the hot path; the lock only guards against two concurrent connects.
        return connected != null && !connected.isCompletedExceptionally() ? connected : connect();
    }

    private synchronized CompletableFuture<RedisConnector.Connection> connect() {
        if (current == null || current.isCompletedExceptionally()) {
            current = connector.connect().thenApply(connection -> {
                connection.stateful().setAutoFlushCommands(autoFlush);
                return connection;
            });
        }
        return current;
    }

    @Override
    public synchronized void close() {
        CompletionStage<RedisConnector.Connection> connected = current;
        if (connected != null) {
            connected.thenAccept(connection -> connection.stateful().closeAsync());
        }
        connector.close();
    }
}
