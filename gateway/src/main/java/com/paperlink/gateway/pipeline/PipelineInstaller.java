package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.compression.ResponseCompression;
import com.paperlink.gateway.shutdown.Drain;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import java.net.InetSocketAddress;
import jakarta.inject.Singleton;

/**
 * Puts an {@link ApiConnectionHandler} (and before it, the {@link ResponseCompression} of its answers) in front of Micronaut's own handler on every HTTP request stream
 * (an HTTP/1 connection, or each HTTP/2 stream once that protocol is enabled), right after Netty's HTTP
 * codec: the public API never goes through Micronaut's router or filters, everything else does.
 */
@Singleton
final class PipelineInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final ApiPipeline pipeline;
    private final AccessLog accessLog;
    private final long maxRequestSize;
    private final Drain drain;
    private final int managementPort;

    private final boolean compression;

    /** @param managementPort {@code endpoints.all.port}: a port of its own for /health and /prometheus, no API there */
    PipelineInstaller(ApiPipeline pipeline, AccessLog accessLog, HttpServerConfiguration server, Drain drain,
                      @Value("${endpoints.all.port:0}") int managementPort,
                      @Property(name = "gateway.compression.enabled", defaultValue = "true") boolean compression) {
        this.pipeline = pipeline;
        this.accessLog = accessLog;
        this.maxRequestSize = server.getMaxRequestSize();
        this.drain = drain;
        this.managementPort = managementPort;
        this.compression = compression;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private static boolean isApi(String uri) {
        String target = ApiConnectionHandler.originForm(uri);
        return target != null && ApiConnectionHandler.isApi(target);
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION || role == ChannelRole.REQUEST_STREAM ? new Customizer(channel) : this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            if (channel != null && channel.parent() != null && channel.pipeline().get(IdleClose.class) == null) {
                channel.pipeline().addLast("paperlink-idle-close", IdleClose.INSTANCE);
            }
            ChannelHandlerContext upgrade = channel == null ? null : channel.pipeline().context(HttpServerUpgradeHandler.class);
            if (upgrade != null && channel.pipeline().get(H2cUpgradeGuard.class) == null) {
                channel.pipeline().addBefore(upgrade.name(), H2cUpgradeGuard.NAME, new H2cUpgradeGuard());
            }
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline channelPipeline = channel.pipeline();
            if (channelPipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channelPipeline.get(ApiConnectionHandler.class) == null && !onManagementPort()) {
                channelPipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "paperlink-api",
                        new ApiConnectionHandler(pipeline, accessLog, maxRequestSize, drain));
                channelPipeline.addBefore("paperlink-api", "paperlink-compression",
                        new ResponseCompression(compression, PipelineInstaller::isApi));
                if (channel.parent() != null) {
                    drainStreamsOnClose(channel.parent());
                }
            }
        }

        /**
         * An HTTP/2 connection's codec closes gracefully (GOAWAY, then close once the open streams are done), but
         * Netty's server codec waits 0 ms for them, and Micronaut closes a prior-knowledge h2c connection that way
         * on a stop: wait for the streams instead (the drain's own timeout bounds it).
         */
        private void drainStreamsOnClose(Channel connection) {
            Http2ConnectionHandler codec = connection.pipeline().get(Http2ConnectionHandler.class);
            if (codec != null && codec.gracefulShutdownTimeoutMillis() != -1) {
                codec.gracefulShutdownTimeoutMillis(-1);
            }
        }

        private boolean onManagementPort() {
            if (managementPort <= 0) {
                return false;
            }
            Channel connection = channel;
            while (connection.parent() != null && !(connection.localAddress() instanceof InetSocketAddress)) {
                connection = connection.parent();
            }
            return connection.localAddress() instanceof InetSocketAddress local && local.getPort() == managementPort;
        }
    }

    /**
     * Closes a connection silent for {@code micronaut.server.idle-timeout}. Micronaut's own handler does that, but
     * with HTTP/2 enabled it is installed only once the first request head is complete, so a connection that
     * never finishes one (a slowloris) would stay open for ever.
     */
    @ChannelHandler.Sharable
    static final class IdleClose extends ChannelInboundHandlerAdapter {
        static final IdleClose INSTANCE = new IdleClose();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
