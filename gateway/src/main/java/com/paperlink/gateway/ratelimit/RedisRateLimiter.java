package com.paperlink.gateway.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global limiter: the sliding window log of each bucket lives in one Redis sorted set and each
 * request is one atomic script call ({@code ratelimit/sliding_window_log.lua}), so all gateway nodes
 * share one exact window, timed by the Redis server's clock.
 *
 * <p>Unlike {@link RateLimiter} this may fail: its stage completes exceptionally on any Redis error
 * or after {@code timeout}. {@link FallbackRateLimiter} turns that into a local decision.
 */
public final class RedisRateLimiter implements AutoCloseable {

    static final String SCRIPT = loadScript();
    static final String SCRIPT_SHA = sha1Hex(SCRIPT);

    private final LazyRedisConnection redis;
    private final String keyPrefix;
    private final Duration timeout;
    // Makes every sorted-set member unique even for requests from several nodes in the same microsecond.
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    public RedisRateLimiter(String redisUri, String keyPrefix, Duration timeout) {
        this.redis = new LazyRedisConnection(redisUri, timeout);
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    /** Counts one request if allowed; completes exceptionally if Redis does not answer in time. */
    public CompletionStage<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy) {
        String[] keys = {key(bucket)};
        String[] args = {Integer.toString(policy.requests()), Long.toString(policy.windowMicros()),
                nodeId + ":" + sequence.incrementAndGet()};
        return redis.connection()
                .thenCompose(connection -> run(connection.async(), keys, args))
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(reply -> toDecision(reply, policy));
    }

    /**
     * The Redis key of a bucket. The bucket is a hash tag so that on Redis Cluster each bucket maps to
     * one slot whatever the prefix (the prefix contains no braces, so the first '{' is ours).
     */
    public String key(String bucket) {
        return keyPrefix + "{" + bucket + "}";
    }

    // EVALSHA sends only the digest; a server that has not seen the script yet (new or restarted,
    // or after SCRIPT FLUSH) answers NOSCRIPT, and EVAL then runs and caches it in one round trip.
    private static CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> commands, String[] keys,
                                                     String[] args) {
        return commands.<List<Object>>evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, keys, args)
                .handle((reply, error) -> retryWithEval(commands, keys, args, reply, error))
                .thenCompose(stage -> stage);
    }

    private static CompletionStage<List<Object>> retryWithEval(RedisAsyncCommands<String, String> commands,
                                                               String[] keys, String[] args, List<Object> reply,
                                                               Throwable error) {
        if (error == null) {
            return CompletableFuture.completedStage(reply);
        }
        if (isNoScript(error)) {
            return commands.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
        }
        return CompletableFuture.failedStage(error);
    }

    private static boolean isNoScript(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private static RateLimitDecision toDecision(List<Object> reply, RateLimitPolicy policy) {
        return RateLimitDecision.of((Long) reply.get(0) == 1L, policy.requests(), (Long) reply.get(1),
                (Long) reply.get(2), (Long) reply.get(3), policy.windowMicros());
    }

    @Override
    public void close() {
        redis.close();
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
