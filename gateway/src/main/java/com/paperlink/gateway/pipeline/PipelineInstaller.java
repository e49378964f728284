package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.compression.ResponseCompression;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
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

    private final boolean compression;

    PipelineInstaller(ApiPipeline pipeline, AccessLog accessLog, HttpServerConfiguration server,
                      @Property(name = "gateway.compression.enabled", defaultValue = "true") boolean compression) {
        this.pipeline = pipeline;
        this.accessLog = accessLog;
        this.maxRequestSize = server.getMaxRequestSize();
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
        public void onStreamPipelineBuilt() {
            ChannelPipeline channelPipeline = channel.pipeline();
            if (channelPipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channelPipeline.get(ApiConnectionHandler.class) == null) {
                channelPipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "paperlink-api",
                        new ApiConnectionHandler(pipeline, accessLog, maxRequestSize));
                channelPipeline.addBefore("paperlink-api", "paperlink-compression",
                        new ResponseCompression(compression, PipelineInstaller::isApi));
            }
        }
    }
}
