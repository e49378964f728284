package com.paperlink.gateway.pipeline;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Brings an asynchronous answer (Redis, a database lookup) back to the event loop that received the
 * request, so the rest of the pipeline and the upstream call run on the request's own thread instead of
 * the Redis client's or a lookup pool's. Answers that are already there (a cache hit, the in-process
 * limiter) continue at once, with no hand-off. If the loop no longer takes work (the server is shutting
 * down), the answer continues where it arrived rather than never.
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
        CompletableFuture<T> resumed = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            if (loop.inEventLoop()) {
                complete(resumed, value, error);
                return;
            }
            try {
                loop.execute(() -> complete(resumed, value, error));
            } catch (RejectedExecutionException shuttingDown) {
                complete(resumed, value, error);
            }
        });
        return resumed;
    }

    private static <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
    }
}
