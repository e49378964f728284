package com.paperlink.gateway.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Sits in front of Netty's {@code HttpServerUpgradeHandler} on a cleartext connection and lets only a request
 * without a body ask for {@code Upgrade: h2c}. The upgrade handler buffers the whole request it upgrades (and
 * answers 413 past {@code micronaut.server.max-h2c-upgrade-request-size}), which would break the streaming of
 * uploads, so for a request with a body the offer is taken out and the request is answered in HTTP/1.1 like any
 * other: a server may ignore {@code Upgrade} (RFC 9110 §7.8), and RFC 9113 deprecates the h2c upgrade anyway. The
 * client's next bodiless request, or prior knowledge, still gets HTTP/2.
 *
 * <p>Only the connection's first request can upgrade, so the guard leaves the pipeline after it.
 */
final class H2cUpgradeGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "paperlink-h2c-upgrade-guard";

    private static final String H2C = Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME.toString();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (hasBody(request)) {
                withdrawH2cOffer(request.headers());
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    static boolean hasBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    /** Removes {@code h2c} from {@code Upgrade} (the header goes when nothing else is offered). */
    static void withdrawH2cOffer(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        if (upgrade == null) {
            return;
        }
        String others = Arrays.stream(upgrade.split(","))
                .map(String::trim)
                .filter(protocol -> !protocol.isEmpty() && !protocol.toLowerCase(Locale.ROOT).equals(H2C))
                .collect(Collectors.joining(", "));
        if (others.isEmpty()) {
            headers.remove(HttpHeaderNames.UPGRADE);
            headers.remove(Http2CodecUtil.HTTP_UPGRADE_SETTINGS_HEADER);
        } else {
            headers.set(HttpHeaderNames.UPGRADE, others);
        }
    }
}
