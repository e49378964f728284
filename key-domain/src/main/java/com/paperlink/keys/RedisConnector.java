package com.paperlink.keys;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connects to a {@link RedisTarget} with Lettuce, whatever its mode, so the callers (the gateway's limiter and
 * key-event subscriber, key-admin's event publisher) do not care which one it is:
 * <ul>
 * <li>standalone — one {@link RedisClient} for the URI;</li>
 * <li>Sentinel — the same client with the {@code redis-sentinel://} URI: Lettuce asks the sentinels for the
 * master on every (re)connect, so after a failover the next reconnect reaches the new master;</li>
 * <li>Cluster — a {@link RedisClusterClient} on the seeds, which routes each keyed command (our script call) to the
 * master of its key's slot, follows MOVED, and refreshes its topology when a node fails (adaptive triggers,
 * failed nodes dropped) and every 30 s. Pub/sub works on any node: Redis Cluster broadcasts PUBLISH.</li>
 * </ul>
 * Connections are made asynchronously (never blocking the calling thread, which may be an event loop that the
 * connection itself lives on) and reconnect by themselves.
 */
public final class RedisConnector implements AutoCloseable {

    /** A connected command connection: the same Lettuce async API seen as the two interfaces callers use. */
    public record Connection(StatefulConnection<String, String> stateful, BaseRedisAsyncCommands<String, String> commands,
                             RedisScriptingAsyncCommands<String, String> scripting) {

        static Connection of(StatefulRedisConnection<String, String> connection) {
            return new Connection(connection, connection.async(), connection.async());
        }

        static Connection of(StatefulRedisClusterConnection<String, String> connection) {
            return new Connection(connection, connection.async(), connection.async());
        }
    }

    private final RedisTarget target;
    private final AbstractRedisClient client;
    private final ClientResources owned;

    /**
     * @param resources      Lettuce's threads (null: a small set owned by this connector, reconnecting within a second)
     * @param commandTimeout null for Lettuce's default; else commands fail after it
     * @param failFast       reject commands at once while disconnected instead of queueing them until reconnect
     */
    public RedisConnector(RedisTarget target, ClientResources resources, Duration commandTimeout, boolean failFast) {
        this.target = target;
        this.owned = resources == null ? DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(reconnectDelay()).build() : null;
        resources = resources == null ? owned : resources;
        ClientOptions.Builder options = target.mode() == RedisTarget.Mode.CLUSTER ? clusterOptions() : ClientOptions.builder();
        options.autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build());
        if (failFast) {
            options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }
        if (commandTimeout != null) {
            options.timeoutOptions(TimeoutOptions.enabled(commandTimeout));
        }
        if (target.mode() == RedisTarget.Mode.CLUSTER) {
            List<RedisURI> seeds = target.uris().stream().map(RedisURI::create).toList();
            RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
            cluster.setOptions(((ClusterClientOptions.Builder) options).build());
            this.client = cluster;
        } else {
            RedisClient single = RedisClient.create(resources);
            single.setOptions(options.build());
            this.client = single;
        }
    }

    /**
     * Reconnect after 20 ms, doubling up to 1 s (Lettuce's default grows to 30 s): a failover or restart is
     * noticed within a second of Redis being back.
     */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);
    }

    private static ClusterClientOptions.Builder clusterOptions() {
        return ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        // MOVED, reconnect attempts, uncovered slots, unknown nodes: refresh at most once a second
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                        .refreshTriggersReconnectAttempts(2)
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                // A failed master is left out of the routing table (its connection closed) until it is back.
                .nodeFilter(node -> !(node.is(NodeFlag.FAIL) || node.is(NodeFlag.EVENTUAL_FAIL) || node.is(NodeFlag.NOADDR)));
    }

    public RedisTarget target() {
        return target;
    }

    /** A command connection (for a cluster: after loading the topology from the seeds). */
    public CompletableFuture<Connection> connect() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
                    .thenApply(Connection::of);
        }
        return ((RedisClient) client).connectAsync(StringCodec.UTF8, RedisURI.create(target.uri())).toCompletableFuture()
                .thenApply(Connection::of);
    }

    /** A pub/sub connection; Lettuce subscribes again to its channels after each reconnect. */
    public CompletableFuture<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectPubSubAsync(StringCodec.UTF8))
                    .thenApply(connection -> connection);
        }
        return ((RedisClient) client).connectPubSubAsync(StringCodec.UTF8, RedisURI.create(target.uri()))
                .toCompletableFuture().thenApply(connection -> connection);
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        if (owned != null) {
            owned.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
