package com.paperlink.gateway.ratelimit;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SucceededFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives Lettuce one event loop that belongs to the HTTP server (an {@link EventLoop} is a group of one), so
 * the Redis connection's socket is read and written by the thread that serves the requests using it. The
 * loop is the server's: Lettuce never shuts it down.
 */
final class SingleLoopProvider implements EventLoopGroupProvider {

    private final EventLoop loop;

    SingleLoopProvider(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        return (T) loop;
    }

    @Override
    public int threadPoolSize() {
        return 1;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
        return new SucceededFuture<>(loop, true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
        return new SucceededFuture<>(loop, true);
    }
}
