package com.paperlink.gateway.ratelimit;

import com.paperlink.keys.RedisConnector;
import com.paperlink.keys.RedisTarget;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global limiter: the sliding window log of each bucket lives in one Redis sorted set and each
 * decision is one atomic script call ({@code ratelimit/sliding_window_log.lua}), so all gateway nodes
 * share one exact window, timed by the Redis server's clock. Redis may be one server, a Sentinel-managed master
 * or a cluster ({@link RedisTarget}); in a cluster each call has one key, so it runs on the master of that key's
 * slot, and each bucket keeps one window on one master.
 *
 * <p>Called on a server event loop, the decision goes through that loop's own {@link RedisLane}: a
 * Lettuce connection whose socket lives on the same loop (no thread hand-off either way), commands
 * flushed once per loop turn, and concurrent decisions for one bucket coalesced into one script call.
 * Called from any other thread, it uses one shared connection, one call per decision.
 *
 * <p>Unlike {@link RateLimiter} this may fail: its stage completes exceptionally on any Redis error
 * or after {@code timeout}. {@link FallbackRateLimiter} turns that into a local decision.
 */
public final class RedisRateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    static final String SCRIPT = loadScript();
    static final String SCRIPT_SHA = sha1Hex(SCRIPT);

    private final RedisTarget target;
    private final String keyPrefix;
    private final Duration timeout;
    private final ClientResources resources;
    private final LazyRedisConnection shared;
    private final ConcurrentHashMap<EventExecutor, RedisLane> lanes = new ConcurrentHashMap<>();
    private volatile Boolean lanesFit;
    // Makes every sorted-set member unique even for requests from several nodes in the same microsecond.
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger laneIds = new AtomicInteger();

    /** A limiter on one standalone or Sentinel URL (tests). */
    public RedisRateLimiter(String redisUri, String keyPrefix, Duration timeout) {
        this(RedisTarget.of(redisUri, null).orElseThrow(), keyPrefix, timeout);
    }

    public RedisRateLimiter(RedisTarget target, String keyPrefix, Duration timeout) {
        this.target = target;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                // Per-command latency histograms cost ~10-20 % of the limiter's allocations (bench/run JFR).
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(RedisConnector.reconnectDelay())
                .build();
        this.shared = new LazyRedisConnection(target, resources, timeout, true);
    }

    public RedisTarget target() {
        return target;
    }

    /** Counts one request if allowed; completes exceptionally if Redis does not answer in time. */
    public CompletionStage<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy) {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor instanceof EventLoop loop && lettuceFits(loop)) {
            return lanes.computeIfAbsent(loop, this::newLane).acquire(bucket, policy);
        }
        Call call = new Call(key(bucket), policy, 1, nodeId + ":" + sequence.incrementAndGet());
        return shared.connection().thenCompose(connection -> run(connection, call, false, false))
                .thenApply(reply -> Replies.decisions(reply, policy, 1).get(0));
    }

    /**
     * Whether Lettuce's sockets can live on the server's loops: Lettuce takes epoll whenever it is available, the
     * server only when configured to ({@code prefer-native-transport}). When they differ (a server left on NIO),
     * requests go through the shared connection on Lettuce's own threads instead of failing every connect.
     */
    private boolean lettuceFits(EventLoop loop) {
        Boolean fits = lanesFit;
        if (fits == null) {
            boolean lettuceEpoll = Transports.socketChannelClass() == EpollSocketChannel.class;
            boolean loopEpoll = loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
            fits = lettuceEpoll == loopEpoll;
            if (!fits) {
                LOG.warn("The server's event loops are {} but Lettuce uses {}: Redis calls leave the request's loop "
                        + "(set micronaut.netty.event-loops.default.prefer-native-transport to match)",
                        loopEpoll ? "epoll" : "NIO", lettuceEpoll ? "epoll" : "NIO");
            }
            lanesFit = fits;
        }
        return fits;
    }

    /**
     * The Redis key of a bucket. The bucket is a hash tag so that on Redis Cluster each bucket maps to
     * one slot whatever the prefix (the prefix contains no braces, so the first '{' is ours).
     */
    public String key(String bucket) {
        return keyPrefix + "{" + bucket + "}";
    }

    /** One script call: its key, the policy, how many requests it decides and a member suffix unique to it. */
    record Call(String key, RateLimitPolicy policy, int count, String member) {
        String[] keys() {
            return new String[] {key};
        }

        String[] args() {
            return new String[] {Integer.toString(policy.requests()), Long.toString(policy.windowMicros()), member,
                    Integer.toString(count)};
        }
    }

    // EVALSHA sends only the digest; a server that has not seen the script yet (new or restarted,
    // or after SCRIPT FLUSH) answers NOSCRIPT, and EVAL then runs and caches it in one round trip.
    static CompletableFuture<List<Object>> run(RedisConnector.Connection connection, Call call,
                                               boolean withScript, boolean flushAfter) {
        var commands = connection.scripting();
        CompletionStage<List<Object>> sent = withScript
                ? commands.eval(SCRIPT, ScriptOutputType.MULTI, call.keys(), call.args())
                : commands.evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, call.keys(), call.args());
        if (withScript) {
            return sent.toCompletableFuture();
        }
        return sent.toCompletableFuture().handle((reply, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(reply);
            }
            if (isNoScript(error)) {
                CompletableFuture<List<Object>> retried = connection.scripting()
                        .<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, call.keys(), call.args()).toCompletableFuture();
                if (flushAfter) {
                    connection.stateful().flushCommands();
                }
                return retried;
            }
            return CompletableFuture.<List<Object>>failedFuture(error);
        }).thenCompose(stage -> stage);
    }

    static boolean isNoScript(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private RedisLane newLane(EventExecutor loop) {
        ClientResources onLoop = DefaultClientResources.builder()
                .eventLoopGroupProvider(new SingleLoopProvider((EventLoop) loop))
                .eventExecutorGroup(resources.eventExecutorGroup())
                .timer(resources.timer())
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(RedisConnector.reconnectDelay())
                .build();
        return new RedisLane((EventLoop) loop, new LazyRedisConnection(target, onLoop, timeout, false), onLoop,
                nodeId + "." + laneIds.incrementAndGet(), keyPrefix);
    }

    @Override
    public void close() {
        lanes.values().forEach(RedisLane::close);
        shared.close();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String loadScript() {
        try (InputStream in = RedisRateLimiter.class.getResourceAsStream("/ratelimit/sliding_window_log.lua")) {
            if (in == null) {
                throw new IllegalStateException("ratelimit/sliding_window_log.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
