package com.paperlink.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-alive connections to the upstream origins, one pool per event loop (Zuul 2's
 * {@code PerServerConnectionPool}, Netty's proxy example): a request is proxied on a connection that lives
 * on the very loop that accepted the client, so the client socket, the upstream socket and every callback
 * of one request stay on one thread, and the pool needs no locks. Connections are reused last-in
 * first-out, so the warm ones stay warm and surplus ones age out at the upstream.
 *
 * <p>Every method must be called on the event loop it is given.
 */
public final class UpstreamPool {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPool.class);

    /** Where a connection goes. */
    public record Origin(String scheme, String host, int port) {
        public static Origin of(URI uri) {
            String scheme = uri.getScheme();
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return new Origin(scheme, uri.getHost(), port);
        }

        /** The {@code Host} header for this origin. */
        public String hostHeader() {
            boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
            return defaultPort ? host : host + ":" + port;
        }
    }

    private final UpstreamConfiguration config;
    private final FastThreadLocal<Map<Origin, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Origin, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };
    private volatile SslContext ssl;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();

    public UpstreamPool(UpstreamConfiguration config) {
        this.config = config;
    }

    /**
     * A connection to {@code origin} on {@code loop}: an idle pooled one, or a new one once it is connected.
     * {@code then} gets the channel, or the connect failure, on the loop.
     */
    public void acquire(Channel client, Origin origin, BiConsumer<Channel, Throwable> then) {
        ArrayDeque<Channel> channels = idle.get().get(origin);
        if (channels != null) {
            Channel pooled;
            while ((pooled = channels.pollLast()) != null) {
                if (pooled.isActive()) {
                    then.accept(pooled, null);
                    return;
                }
            }
        }
        connect(client, origin, then, true);
    }

    private void connect(Channel client, Origin origin, BiConsumer<Channel, Throwable> then, boolean mayRetry) {
        connect(client, origin).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                open.incrementAndGet();
                opened.incrementAndGet();
                f.channel().closeFuture().addListener(closed -> open.decrementAndGet());
            } else if (mayRetry && f.cause() instanceof ClosedChannelException) {
                // The new channel was closed before its connect began (seen rarely in the test suite, cause not
                // found): nothing reached the upstream, so this says nothing about it. One more connect.
                LOG.warn("A new upstream channel to {}:{} closed before connecting ({}); connecting again",
                        origin.host(), origin.port(), f.cause().getCause());
                connect(client, origin, then, false);
                return;
            }
            then.accept(f.isSuccess() ? f.channel() : null, f.isSuccess() ? null : f.cause());
        });
    }

    /** Gives a connection back after a complete exchange; it waits for its next request, or closes. */
    public void release(Channel channel, Origin origin) {
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> channels = idle.get().computeIfAbsent(origin, o -> new ArrayDeque<>());
        if (channels.size() >= config.maxConnections()) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        // Keep a read armed while idle, so an upstream that closes the connection is noticed (and the channel
        // dropped from the pool) instead of found dead by the next request.
        channel.read();
    }

    /** Forgets a pooled connection that the upstream closed. */
    void closed(Channel channel, Origin origin) {
        ArrayDeque<Channel> channels = idle.get().get(origin);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    /** Upstream connections open right now, on every loop, busy or idle. */
    public int openConnections() {
        return open.get();
    }

    /** Upstream connections opened since start (a pool that works opens few). */
    public long openedConnections() {
        return opened.get();
    }

    /** Idle pooled connections of the calling loop (for tests and metrics). */
    public int idleOnThisLoop() {
        int count = 0;
        for (ArrayDeque<Channel> channels : idle.get().values()) {
            count += channels.size();
        }
        return count;
    }

    private ChannelFuture connect(Channel client, Origin origin) {
        EventLoop loop = client.eventLoop();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(new ReflectiveChannelFactory<>(socketChannelClass(client)))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) throws SSLException {
                        if ("https".equals(origin.scheme())) {
                            channel.pipeline().addLast("tls", sslContext().newHandler(channel.alloc(), origin.host(),
                                    origin.port()));
                        }
                        // Generous limits: what the upstream sends is passed on, not judged.
                        channel.pipeline().addLast("codec", new HttpClientCodec(4096, 65536, 65536));
                        channel.pipeline().addLast("upstream", new UpstreamCall.ConnectionHandler(UpstreamPool.this,
                                origin));
                    }
                });
        return bootstrap.connect(origin.host(), origin.port());
    }

    /** The transport of the client's connection (NIO, epoll …), so the upstream channel fits the same loop. */
    @SuppressWarnings("unchecked")
    private static Class<? extends Channel> socketChannelClass(Channel client) {
        Channel channel = client;
        while (!(channel instanceof SocketChannel) && channel.parent() != null) {
            channel = channel.parent(); // an HTTP/2 stream: its connection's socket
        }
        return channel instanceof SocketChannel ? channel.getClass()
                : io.netty.channel.socket.nio.NioSocketChannel.class;
    }

    private SslContext sslContext() throws SSLException {
        SslContext context = ssl;
        if (context == null) {
            synchronized (this) {
                if (ssl == null) {
                    ssl = SslContextBuilder.forClient().build();
                }
                context = ssl;
            }
        }
        return context;
    }
}
