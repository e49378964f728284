package com.paperlink.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopResumeTest {

    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anAnswerFromAnotherThreadContinuesOnTheCallersEventLoop() throws Exception {
        CompletableFuture<String> redis = new CompletableFuture<>();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        AtomicReference<Thread> continuedOn = new AtomicReference<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.submit(() -> {
            loopThread.set(Thread.currentThread());
            EventLoopResume.onCallersLoop(redis).whenComplete((value, error) -> {
                continuedOn.set(Thread.currentThread());
                result.complete(value);
            });
        }).sync();

        Thread other = new Thread(() -> redis.complete("answer"), "redis-client");
        other.start();
        other.join();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        assertThat(continuedOn.get()).isSameAs(loopThread.get()).isNotSameAs(other);
    }

    @Test
    void failuresArriveOnTheLoopToo() throws Exception {
        CompletableFuture<String> redis = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        loop.submit(() -> EventLoopResume.onCallersLoop(redis).whenComplete((value, error) -> failure.complete(error)))
                .sync();

        redis.completeExceptionally(new IllegalStateException("down"));

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).hasMessage("down");
    }

    @Test
    void anAnswerAfterTheLoopStoppedStillArrives() throws Exception {
        CompletableFuture<String> redis = new CompletableFuture<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.submit(() -> EventLoopResume.onCallersLoop(redis).whenComplete((value, error) -> result.complete(value)))
                .sync();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

        redis.complete("late");

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    void aReadyAnswerOrACallerOffTheLoopIsLeftAsItIs() {
        CompletableFuture<String> ready = CompletableFuture.completedFuture("cached");
        CompletionStage<String> pending = new CompletableFuture<>();

        assertThat(EventLoopResume.onCallersLoop(pending)).isSameAs(pending);
        assertThat(loop.submit(() -> EventLoopResume.onCallersLoop(ready)).syncUninterruptibly().getNow())
                .isSameAs(ready);
    }
}
