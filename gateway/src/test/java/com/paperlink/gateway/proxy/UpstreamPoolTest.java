package com.paperlink.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-loop pool on real Netty event loops and real sockets: a connection is handed out on the loop that
 * asks for it, goes back to that loop's pool only, and leaves the pool when the upstream closes it.
 */
class UpstreamPoolTest {

    private EventLoopGroup loops;
    private ServerSocket upstream;
    private final List<Socket> accepted = new ArrayList<>();
    private final List<Channel> clients = new ArrayList<>();
    private UpstreamPool pool;
    private UpstreamPool.Origin origin;

    @BeforeEach
    void start() throws IOException {
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket socket = upstream.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        pool = new UpstreamPool(new UpstreamConfiguration(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 8));
        origin = new UpstreamPool.Origin("http", "127.0.0.1", upstream.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(Channel::close);
        upstream.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void handsOutConnectionsOnTheLoopThatAsks() throws Exception {
        EventLoop first = loops.next();
        EventLoop second = loops.next();
        assertThat(first).isNotSameAs(second);

        Channel onFirst = acquire(clientOn(first));
        Channel onSecond = acquire(clientOn(second));

        assertThat(onFirst.eventLoop()).isSameAs(first);
        assertThat(onSecond.eventLoop()).isSameAs(second);
    }

    @Test
    void reusesAReleasedConnectionOnItsOwnLoopOnly() throws Exception {
        EventLoop first = loops.next();
        EventLoop second = loops.next();
        Channel clientA = clientOn(first);
        Channel pooled = acquire(clientA);
        run(first, () -> pool.release(pooled, origin));

        Channel again = acquire(clientA);
        Channel elsewhere = acquire(clientOn(second));

        assertThat(again).isSameAs(pooled);
        assertThat(elsewhere).isNotSameAs(pooled);
        assertThat(pool.openedConnections()).isEqualTo(2);
    }

    @Test
    void dropsAnIdleConnectionTheUpstreamClosed() throws Exception {
        EventLoop loop = loops.next();
        Channel client = clientOn(loop);
        Channel pooled = acquire(client);
        run(loop, () -> pool.release(pooled, origin));
        assertThat(on(loop, pool::idleOnThisLoop)).isEqualTo(1);

        upstreamSideOf(pooled).close();
        pooled.closeFuture().await(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((on(loop, pool::idleOnThisLoop) > 0 || pool.openConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the close is seen first, the pool hears of it on the loop right after
        }

        assertThat(pooled.isActive()).isFalse();
        assertThat(on(loop, pool::idleOnThisLoop)).isZero();
        assertThat(pool.openConnections()).isZero();
    }

    /**
     * The upstream's socket of {@code channel}'s connection. The kernel completes a connect before the acceptor
     * thread has taken the socket from the backlog, so wait for it.
     */
    private Socket upstreamSideOf(Channel channel) throws InterruptedException {
        int port = ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    if (socket.getPort() == port) {
                        return socket;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the upstream never accepted the connection from port " + port);
    }

    /** A connected channel on {@code loop}, standing in for the client connection a request came on. */
    private Channel clientOn(EventLoop loop) throws InterruptedException {
        Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(upstream.getInetAddress(), upstream.getLocalPort()).sync().channel();
        clients.add(channel);
        return channel;
    }

    private Channel acquire(Channel client) throws Exception {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        client.eventLoop().execute(() -> pool.acquire(client, origin, (channel, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(channel);
            }
        }));
        return result.get(5, TimeUnit.SECONDS);
    }

    private static <T> T on(EventLoop loop, java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private static void run(EventLoop loop, Runnable task) throws Exception {
        loop.submit(task).get(5, TimeUnit.SECONDS);
    }
}
