package com.paperlink.gateway.pipeline;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Brings an asynchronous answer (Redis, a database lookup) back to the event loop that received the
 * request, so the rest of the pipeline and the upstream call run on the request's own thread instead of
 * the Redis client's or a lookup pool's. Answers that are already there (a cache hit, the in-process
 * limiter) continue at once, with no hand-off.
 */
public final class EventLoopResume {

    private EventLoopResume() {
    }

    /** Call on the event loop that owns the request; elsewhere the stage is returned as it is. */
    public static <T> CompletionStage<T> onCallersLoop(CompletionStage<T> stage) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            return stage;
        }
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            return future;
        }
        return future.whenCompleteAsync((value, error) -> { }, loop);
    }
}
