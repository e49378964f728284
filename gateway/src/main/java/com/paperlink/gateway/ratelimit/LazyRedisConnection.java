package com.paperlink.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A Lettuce connection made on first use, not at start-up, so the gateway starts while Redis is
 * down (micronaut-redis' own connection bean connects eagerly). A failed connect is retried on the
 * next call; once connected, Lettuce reconnects by itself.
 *
 * <p>Tuned for a limiter that must answer fast or not at all: commands are rejected at once while
 * disconnected (instead of queueing until reconnect), time out after {@code commandTimeout}, and
 * reconnect attempts back off to at most one second so recovery is noticed quickly.
 */
final class LazyRedisConnection implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> current;

    LazyRedisConnection(String redisUri, Duration commandTimeout) {
        this.uri = RedisURI.create(redisUri);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Per-command latency histograms cost ~10-20 % of the limiter's allocations (bench/run JFR).
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
    }

    /** The connection, connecting now if there is none yet or the last attempt failed. */
    CompletionStage<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> connected = current;
        // Lock-free on the hot path; the lock only guards against two concurrent connects.
        return connected != null && !connected.isCompletedExceptionally() ? connected : connect();
    }

    private synchronized CompletionStage<StatefulRedisConnection<String, String>> connect() {
        if (current == null || current.isCompletedExceptionally()) {
            current = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
