package com.paperlink.keyadmin.web;

import com.paperlink.keys.web.ContentCodings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Micronaut compresses answers itself, but picks {@code snappy} (not a registered HTTP content coding, so
 * no browser or HTTP library decodes it) for {@code Accept-Encoding: *} and matches codings by substring.
 * This handler, in front of Micronaut's, replaces each request's {@code Accept-Encoding} with the one coding
 * {@link ContentCodings} chooses (gzip or deflate, by RFC 9110's rules), or removes it for identity, so
 * Micronaut answers only in a coding the client listed and can decode.
 */
@Singleton
final class AcceptEncodingNormalizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final List<String> CODINGS = List.of("gzip", "deflate");

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private static final class Customizer implements NettyServerCustomizer {
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
            if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channel.pipeline().get(Handler.class) == null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        "paperlink-accept-encoding", Handler.INSTANCE);
            }
        }
    }

    @ChannelHandler.Sharable
    static final class Handler extends ChannelInboundHandlerAdapter {
        static final Handler INSTANCE = new Handler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                normalize(request.headers());
            }
            ctx.fireChannelRead(msg);
        }

        static void normalize(HttpHeaders headers) {
            List<String> values = headers.getAll(HttpHeaderNames.ACCEPT_ENCODING);
            if (values.isEmpty()) {
                return;
            }
            String chosen = ContentCodings.choose(String.join(",", values), CODINGS);
            if (chosen == null) {
                headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
            } else {
                headers.set(HttpHeaderNames.ACCEPT_ENCODING, chosen);
            }
        }
    }
}
