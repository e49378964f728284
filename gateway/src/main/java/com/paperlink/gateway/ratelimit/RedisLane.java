package com.paperlink.gateway.ratelimit;

import com.paperlink.keys.RedisConnector;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's way to Redis: a Lettuce connection on that loop, used only by it (so commands can be
 * written unflushed and flushed once per loop turn), and request coalescing per bucket after bucket4j's
 * batching optimisation: while one script call for a bucket is in flight, later requests for it wait
 * together and go out as one call that decides all of them, in order. Fewer round trips, same exactness:
 * the script admits requests one by one against the same window.
 *
 * <p>Not thread-safe by design: every method runs on {@link #loop}.
 */
final class RedisLane {

    /** Requests for one bucket decided by one script call. */
    private static final class Batch {
        final String bucket;
        final RateLimitPolicy policy;
        final List<CompletableFuture<RateLimitDecision>> answers = new ArrayList<>(1);

        Batch(String bucket, RateLimitPolicy policy) {
            this.bucket = bucket;
            this.policy = policy;
        }
    }

    /** No batch grows past this; further requests wait for the next one. */
    private static final int MAX_BATCH = 512;

    private final EventLoop loop;
    private final LazyRedisConnection redis;
    private final ClientResources resources;
    private final String member;
    private final String keyPrefix;
    private final Map<String, Batch> inFlight = new HashMap<>();
    private final Map<String, Batch> waiting = new HashMap<>();
    private long sequence;
    private boolean flushScheduled;
    private final Runnable flush = this::flush;

    RedisLane(EventLoop loop, LazyRedisConnection redis, ClientResources resources, String member, String keyPrefix) {
        this.loop = loop;
        this.redis = redis;
        this.resources = resources;
        this.member = member;
        this.keyPrefix = keyPrefix;
    }

    CompletableFuture<RateLimitDecision> acquire(String bucket, RateLimitPolicy policy) {
        CompletableFuture<RateLimitDecision> answer = new CompletableFuture<>();
        if (!inFlight.containsKey(bucket)) {
            Batch batch = new Batch(bucket, policy);
            batch.answers.add(answer);
            send(batch);
            return answer;
        }
        Batch next = waiting.get(bucket);
        if (next == null || !next.policy.equals(policy) || next.answers.size() >= MAX_BATCH) {
            if (next != null) {
                send(waiting.remove(bucket)); // a different policy (or a full batch) is not mixed in: send it on
            }
            next = new Batch(bucket, policy);
            waiting.put(bucket, next);
        }
        next.answers.add(answer);
        return answer;
    }

    private void send(Batch batch) {
        inFlight.putIfAbsent(batch.bucket, batch);
        CompletableFuture<RedisConnector.Connection> connection = redis.connection();
        if (connection.isDone() && !connection.isCompletedExceptionally()) {
            dispatch(batch, connection.join());
            return;
        }
        connection.whenComplete((connected, error) -> onLoop(() -> {
            if (error != null) {
                answered(batch, null, error);
            } else {
                dispatch(batch, connected);
            }
        }));
    }

    private void dispatch(Batch batch, RedisConnector.Connection connection) {
        RedisRateLimiter.Call call = new RedisRateLimiter.Call(keyPrefix + "{" + batch.bucket + "}", batch.policy,
                batch.answers.size(), member + ":" + ++sequence);
        CompletableFuture<List<Object>> reply;
        try {
            reply = RedisRateLimiter.run(connection, call, false, !redis.autoFlush());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (!redis.autoFlush()) {
            scheduleFlush(connection);
        }
        // Lettuce completes on the connection's loop, which is ours; a timeout completes on its timer thread.
        reply.whenComplete((value, error) -> onLoop(() -> answered(batch, value, error)));
    }

    private void answered(Batch batch, List<Object> reply, Throwable error) {
        if (inFlight.get(batch.bucket) == batch) {
            inFlight.remove(batch.bucket);
        }
        if (error != null) {
            batch.answers.forEach(answer -> answer.completeExceptionally(error));
        } else {
            List<RateLimitDecision> decisions;
            try {
                decisions = Replies.decisions(reply, batch.policy, batch.answers.size());
            } catch (RuntimeException e) {
                batch.answers.forEach(answer -> answer.completeExceptionally(e));
                decisions = null;
            }
            if (decisions != null) {
                for (int i = 0; i < decisions.size(); i++) {
                    batch.answers.get(i).complete(decisions.get(i));
                }
            }
        }
        Batch next = waiting.remove(batch.bucket);
        if (next != null) {
            send(next);
        }
    }

    private void scheduleFlush(RedisConnector.Connection connection) {
        if (!flushScheduled) {
            flushScheduled = true;
            pending = connection;
            loop.execute(flush);
        }
    }

    private RedisConnector.Connection pending;

    /** One write to Redis for every command this loop turn produced. */
    private void flush() {
        flushScheduled = false;
        RedisConnector.Connection connection = pending;
        pending = null;
        if (connection != null) {
            connection.stateful().flushCommands();
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.run();
        }
    }

    void close() {
        redis.close();
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
}
