package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.client.ClientAddressResolver;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.RequestIds;
import com.paperlink.gateway.proxy.HeaderRewriter;
import com.paperlink.gateway.shutdown.Drain;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's place in one HTTP connection (or one HTTP/2 stream): sits between Netty's HTTP codec and
 * Micronaut's own handler, takes every {@code /api/v1} request for the {@link ApiPipeline}, and passes
 * everything else (the reference, /health, /prometheus, malformed requests) on to Micronaut untouched.
 *
 * <p>HTTP/1.1 answers in request order, so while one exchange is open, later requests (pipelined by the
 * client) wait here, and a request for the pipeline waits while Micronaut still answers an earlier one.
 * Reads are ours to gate: Micronaut asks for them, and they go through only when the open exchange wants
 * more of its body (the upstream can take it) and nothing is waiting.
 */
final class ApiConnectionHandler extends ChannelDuplexHandler {

    private static final String API_PREFIX = "/api/v1";

    private final ApiPipeline pipeline;
    private final AccessLog accessLog;
    private final long maxRequestSize;
    private final Drain drain;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>(0);
    private ChannelHandlerContext ctx;
    private ApiExchange exchange;
    private int micronautInFlight;
    private boolean readPending;
    private boolean firedToMicronaut;
    private InetAddress peer;
    /** Null until known; then whether the socket peer is a trusted proxy (its requests say who the client is). */
    private Boolean peerTrusted;
    /** The client of every request on this connection when the peer is not a trusted proxy, and its text. */
    private ClientAddressResolver.Resolution peerClient;
    private String peerClientText;
    private String scheme;
    private boolean heldForDrain;
    private boolean idleCloseDue;

    ApiConnectionHandler(ApiPipeline pipeline, AccessLog accessLog, long maxRequestSize, Drain drain) {
        this.pipeline = pipeline;
        this.accessLog = accessLog;
        this.maxRequestSize = maxRequestSize;
        this.drain = drain;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // --- inbound -----------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!backlog.isEmpty()) {
            backlog.add(msg);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (exchange != null) {
            if (!exchange.requestComplete() && msg instanceof HttpContent content) {
                bodyOfExchange(content);
            } else {
                backlog.add(msg); // the next request: after this exchange's answer
            }
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            String target = originForm(request.uri());
            if (target != null && isApi(target)) {
                if (micronautInFlight > 0) {
                    backlog.add(msg); // Micronaut still answers an earlier request on this connection
                    return;
                }
                start(request, target);
                return;
            }
        }
        if (msg instanceof HttpRequest) {
            micronautInFlight++;
        }
        firedToMicronaut = true;
        ctx.fireChannelRead(msg);
    }

    private void start(HttpRequest request, String target) {
        int hash = target.indexOf('#');
        String withoutFragment = hash < 0 ? target : target.substring(0, hash);
        int query = withoutFragment.indexOf('?');
        String rawPath = query < 0 ? withoutFragment : withoutFragment.substring(0, query);
        String rawQuery = query < 0 ? null : withoutFragment.substring(query + 1);
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        long length = HttpUtil.getContentLength(request, 0L);
        ApiExchange ex = new ApiExchange(ctx, this, request, rawPath, rawQuery,
                RequestIds.acceptOrCreate(request.headers().get(RequestIds.HEADER)), chunked || length > 0,
                HttpUtil.isKeepAlive(request));
        if (drain.draining()) {
            ex.closeAfter = true; // answered with Connection: close, so the client does not send here again
        }
        exchange = ex;
        if (request instanceof FullHttpRequest whole) {
            // HTTP/2 hands a request that ends with its headers over whole: its (empty) content is the body's end.
            ex.clientContent(new DefaultLastHttpContent(whole.content(), whole.trailingHeaders()), pipeline);
        }
        if (length > maxRequestSize) {
            pipeline.reject(ex, ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        pipeline.handle(ex);
    }

    private void bodyOfExchange(HttpContent content) {
        ApiExchange ex = exchange;
        ex.bodyBytes += content.content().readableBytes();
        if (ex.bodyBytes > maxRequestSize && !ex.isResponded()) {
            content.release();
            if (ex.call != null) {
                ex.call.abort();
            }
            ex.closeAfter = true;
            pipeline.reject(ex, ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        ex.clientContent(content, pipeline);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        firedToMicronaut = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && exchange.call != null && ctx.channel().isWritable()) {
            exchange.call.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            ApiExchange ex = exchange;
            exchange = null;
            ex.abandon();
            endTrace(ex, 0);
        }
        Object queued;
        while ((queued = backlog.poll()) != null) {
            ReferenceCountUtil.release(queued);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            ApiExchange ex = exchange;
            exchange = null;
            ex.abandon();
            endTrace(ex, 0);
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    // --- outbound ----------------------------------------------------------------------------------------

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (readAllowed()) {
            readPending = false;
            ctx.read();
        } else {
            readPending = true;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Only Micronaut's writes pass here (ours start at this handler): the end of one of its answers.
        boolean answerEnds = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        if (idleCloseDue && msg instanceof HttpResponse response
                && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(msg, promise);
        if (answerEnds && micronautInFlight > 0 && --micronautInFlight == 0) {
            if (!backlog.isEmpty()) {
                ctx.executor().execute(this::drain);
            } else if (idleCloseDue) {
                ctx.executor().execute(this::closeIfIdle);
            }
        }
    }

    /**
     * Drain: Micronaut closes a connection it sees idle, but it does not see the pipeline's exchanges. While one
     * is in flight the close waits for its answer (which then says {@code Connection: close}). An idle HTTP/1.1
     * connection stays open for the drain's idle-close delay: a client (a load balancer's pool) may have sent a
     * request on it already, and closing under it would lose that request; what arrives is answered with
     * {@code Connection: close}, then the connection closes. Any other close (not draining, the client is gone,
     * an HTTP/2 stream) goes through at once.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!drain.draining() || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        if (exchange != null) {
            exchange.closeAfter = true;
            if (!heldForDrain) {
                heldForDrain = true;
                drain.holdingOpen();
                ctx.channel().closeFuture().addListener(closed -> drain.released());
            }
        } else if (idleCloseDue || heldForDrain || drain.idleCloseDelay().isZero()
                || !(ctx.channel() instanceof SocketChannel)) {
            ctx.close(promise);
            return;
        } else {
            idleCloseDue = true;
            ctx.executor().schedule(this::closeIfIdle, drain.idleCloseDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
    }

    /** The idle-close delay is over (or an answer after it ended): close unless a request is still being answered. */
    private void closeIfIdle() {
        if (exchange == null && micronautInFlight == 0 && backlog.isEmpty() && ctx.channel().isActive()) {
            closeAfterFlush();
        }
    }

    /** Our own close (after an answer that said {@code Connection: close}): from here on, past {@link #close}. */
    private void closeAfterFlush() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> ctx.close());
    }

    /**
     * Whether the connection may be read now. Once the open exchange's request has been read whole, reading stays
     * allowed while nothing waits: a keep-alive client sends nothing more until it has its answer, so this costs
     * nothing, and it spares the two {@code epoll_ctl} calls per request of switching read interest off and on
     * around every answer. What a pipelining client sends meanwhile is held (the backlog), and then reads stop.
     */
    private boolean readAllowed() {
        if (!backlog.isEmpty()) {
            return false;
        }
        return exchange == null || exchange.requestComplete() || exchange.wantsBody();
    }

    // --- called by the pipeline ---------------------------------------------------------------------------

    boolean isCurrent(ApiExchange ex) {
        return exchange == ex && ctx.channel().isActive();
    }

    /** The exchange wants more body (an upstream became writable, or the call started): read if asked to. */
    void resumeReads() {
        if (readPending && readAllowed()) {
            readPending = false;
            ctx.read();
        }
    }

    void sendContinue() {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER), ctx.voidPromise());
    }

    /** The exchange's answer is written whole: log it, then close or go on with what waits. */
    void exchangeDone(ApiExchange ex) {
        if (exchange != ex) {
            return;
        }
        exchange = null;
        accessLog.record(ex);
        endTrace(ex, ex.status);
        if (ex.closeAfter) {
            closeAfterFlush();
            return;
        }
        drain();
    }

    private static void endTrace(ApiExchange ex, int status) {
        if (ex.trace != null) {
            ex.trace.end(status, ex.route, ex.key == null ? null : ex.key.id(), ex.error == null ? null : ex.error.code());
        }
    }

    /** Runs what waited for the last answer, in order, until something has to wait again. */
    private void drain() {
        while (!backlog.isEmpty()) {
            Object next = backlog.peek();
            if (exchange != null && !(next instanceof HttpContent && !exchange.requestComplete())) {
                break;
            }
            if (exchange == null && micronautInFlight > 0 && next instanceof HttpRequest request
                    && isApi(originForm(request.uri()))) {
                break;
            }
            dispatch(backlog.poll());
        }
        if (firedToMicronaut) {
            firedToMicronaut = false;
            ctx.fireChannelReadComplete();
        }
        resumeReads();
    }

    // --- the connection's facts ----------------------------------------------------------------------------

    /** The socket peer (for an HTTP/2 stream, its connection's). */
    InetAddress peer() {
        if (peer == null) {
            Channel channel = socketChannel();
            peer = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        }
        return peer;
    }

    /**
     * Who is calling: the socket peer, or for a trusted proxy the client it forwards for. A peer that is not a
     * trusted proxy is the client whatever a request's headers say, so that answer is kept for the connection.
     */
    ClientAddressResolver.Resolution client(ClientAddressResolver resolver, HttpHeaders headers) {
        if (peerClient != null) {
            return peerClient;
        }
        InetAddress address = peer();
        // AsciiString names (HeaderRewriter's): Netty hashes a String name again on each lookup; and getAll
        // builds a list even for a header that is absent, as it is on most requests
        ClientAddressResolver.Resolution resolution = resolver.resolve(address,
                headers.contains(HeaderRewriter.X_FORWARDED_FOR) ? headers.getAll(HeaderRewriter.X_FORWARDED_FOR) : List.of());
        if (peerTrusted == null) {
            peerTrusted = resolver.isTrusted(address);
        }
        if (!peerTrusted) {
            peerClient = resolution;
        }
        return resolution;
    }

    /** The client's address as text (the failed-authentication budget's bucket, the access log's client). */
    String clientText(ClientAddressResolver.Resolution client) {
        if (client != peerClient) {
            return client.client().getHostAddress();
        }
        if (peerClientText == null) {
            peerClientText = client.client().getHostAddress();
        }
        return peerClientText;
    }

    /** {@code https} when the client connected with TLS. */
    String scheme() {
        if (scheme == null) {
            scheme = socketChannel().pipeline().get(SslHandler.class) != null ? "https" : "http";
        }
        return scheme;
    }

    private Channel socketChannel() {
        Channel channel = ctx.channel();
        while (!(channel instanceof SocketChannel) && channel.parent() != null) {
            channel = channel.parent();
        }
        return channel;
    }

    /** The request target in origin form (absolute-form reduced to its path), or null for anything else. */
    static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        int schemeEnd = uri.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : uri.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return null;
        }
        int slash = uri.indexOf('/', schemeEnd + 3);
        return slash < 0 ? "/" : uri.substring(slash);
    }

    /** Whether an origin-form target belongs to the public API. */
    static boolean isApi(String target) {
        if (target == null || !target.startsWith(API_PREFIX)) {
            return false;
        }
        if (target.length() == API_PREFIX.length()) {
            return true;
        }
        char next = target.charAt(API_PREFIX.length());
        return next == '/' || next == '?' || next == '#';
    }
}
