package com.paperlink.gateway.proxy;

import com.paperlink.gateway.error.ErrorCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request forwarded to an upstream and its answer streamed back, on the client's event loop. Both
 * bodies stream with backpressure and are never held whole: the upstream connection reads (AUTO_READ off)
 * only while the client connection can take more, and the client's body is read only while the upstream
 * connection can take more ({@link #canTakeBody()}). One flush per upstream read batch.
 *
 * <p>Failures before anything reached the client become 502 {@code upstream_unavailable} or 504
 * {@code upstream_timeout} through {@link Listener#onFailure}; after the answer has started, the client
 * connection is closed (a truncated body must not look complete). An idempotent request (RFC 9110: GET, HEAD,
 * OPTIONS, TRACE, PUT, DELETE) without a body that meets a pooled connection the upstream had closed, before any
 * byte of an answer, is sent again on another one; a POST or PATCH is not, since the upstream may have acted on it
 * before closing (nginx's rule for non-idempotent requests), and gets 502 {@code upstream_unavailable}. As in
 * nginx, a dead pooled connection does not count as a try: each one leaves the pool as it is found, so a request
 * that meets several at once (an upstream that restarted, or closed its idle connections in one sweep) walks
 * through them to a fresh connection, and only a fresh connection's failure is the upstream's answer.
 */
public final class UpstreamCall {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCall.class);
    static final AttributeKey<Boolean> USED = AttributeKey.valueOf("paperlink.upstream.used");

    /** What the client side of the gateway learns about the call. Called on the event loop. */
    public interface Listener {
        /** The upstream's answer head, hop-by-hop headers removed; add the gateway's own before it is sent. */
        void onResponseHead(HttpResponse response);

        /** Nothing reached the client and nothing will: answer with this code. */
        void onFailure(ErrorCode code);

        /**
         * The call is over: the answer was sent whole, or (when {@code clientMustClose}) it was cut or the
         * client's body was not read to its end, so the client connection cannot be reused.
         */
        void onComplete(int status, long upstreamNanos, boolean clientMustClose);

        /** The upstream connection can take more of the request body again. */
        void onUpstreamWritable();
    }

    private final ChannelHandlerContext client;
    private final UpstreamPool pool;
    private final UpstreamPool.Origin origin;
    private final HttpRequest head;
    private final boolean hasBody;
    private final boolean clientChunked;
    private final Listener listener;
    private final long readTimeoutNanos;
    private final long uploadTimeoutNanos;
    private final long startNanos = System.nanoTime();

    private List<HttpContent> pendingBody;
    private Channel upstream;
    private boolean reused;
    private boolean requestComplete;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean done;
    private int status;
    private long lastActivityNanos = startNanos;
    private ScheduledFuture<?> timer;

    /**
     * @param client        the client connection's context; the answer is written from here
     * @param head          the request for the upstream: origin-form URI, headers already rewritten, no Host
     * @param hasBody       whether the client sends a body (then {@link #sendBody} follows)
     * @param clientChunked whether the client may get a chunked answer (HTTP/1.1)
     */
    public UpstreamCall(ChannelHandlerContext client, UpstreamPool pool, UpstreamPool.Origin origin, HttpRequest head,
                        boolean hasBody, boolean clientChunked, Duration readTimeout, Duration uploadTimeout,
                        Listener listener) {
        this.client = client;
        this.pool = pool;
        this.origin = origin;
        this.head = head;
        this.hasBody = hasBody;
        this.clientChunked = clientChunked;
        this.listener = listener;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.uploadTimeoutNanos = uploadTimeout.toNanos();
        head.headers().set(io.netty.handler.codec.http.HttpHeaderNames.HOST, origin.hostHeader());
        if (hasBody && !HttpUtil.isContentLengthSet(head)) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
    }

    /** Takes a connection (pooled or new) and sends the request head and whatever body has arrived. */
    public void start() {
        pool.acquire(client.channel(), origin, this::connected);
    }

    /** A piece of the client's body; the last one is a {@link LastHttpContent}. Takes ownership. */
    public void sendBody(HttpContent content) {
        if (done) {
            content.release();
            return;
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (upstream == null) {
            if (pendingBody == null) {
                pendingBody = new ArrayList<>(2);
            }
            pendingBody.add(content);
            return;
        }
        lastActivityNanos = System.nanoTime();
        upstream.writeAndFlush(content, upstream.voidPromise());
    }

    /** Whether more of the client's body may be read now (connected and the upstream socket not backed up). */
    public boolean canTakeBody() {
        return upstream != null && upstream.isWritable() && !done;
    }

    /** The client connection can take more: read on from the upstream. */
    public void clientWritable() {
        if (!done && upstream != null && responseStarted) {
            upstream.read();
        }
    }

    /** The client went away or the request was abandoned: drop the upstream connection, report nothing. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        cancelTimer();
        releasePending();
        if (upstream != null) {
            detach();
            upstream.close();
        }
    }

    public boolean isDone() {
        return done;
    }

    private void connected(Channel channel, Throwable failure) {
        if (done) {
            if (channel != null) {
                pool.release(channel, origin);
            }
            return;
        }
        if (channel == null) {
            LOG.warn("Upstream {}:{} not reachable: {}", origin.host(), origin.port(), describe(failure));
            fail(ErrorCode.UPSTREAM_UNAVAILABLE);
            return;
        }
        upstream = channel;
        reused = Boolean.TRUE.equals(channel.attr(USED).get());
        channel.pipeline().get(ConnectionHandler.class).call = this;
        lastActivityNanos = System.nanoTime();
        channel.write(head, channel.voidPromise());
        if (pendingBody != null) {
            for (HttpContent content : pendingBody) {
                channel.write(content, channel.voidPromise());
            }
            pendingBody = null;
        }
        channel.flush();
        channel.read();
        if (timer == null) {
            // The shorter timeout first: the request may complete (and the read timeout apply) any moment.
            scheduleTimer(Math.min(readTimeoutNanos, uploadTimeoutNanos));
        }
        if (!requestComplete && channel.isWritable()) {
            listener.onUpstreamWritable();
        }
    }

    // --- upstream events (ConnectionHandler) -------------------------------------------------------------

    private void upstreamRead(Object message) {
        if (done) {
            ReferenceCountUtil.release(message);
            return;
        }
        lastActivityNanos = System.nanoTime();
        if (message instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                LOG.warn("Upstream {}:{} sent a malformed answer", origin.host(), origin.port());
                broken();
                return;
            }
            if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                ReferenceCountUtil.release(message); // 100 Continue, 103: ours to answer, not to relay
                return;
            }
            respond(response);
        }
        if (message instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                broken();
                return;
            }
            if (!responseStarted) {
                content.release(); // the rest of a skipped informational answer
                return;
            }
            boolean last = content instanceof LastHttpContent;
            client.write(content, client.voidPromise());
            if (last) {
                finish();
            }
        }
    }

    private void respond(HttpResponse response) {
        responseStarted = true;
        status = response.status().code();
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        HeaderRewriter.stripHopByHop(response.headers());
        if (!HttpUtil.isContentLengthSet(response) && clientChunked && status != 204 && status != 304) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        listener.onResponseHead(response);
        client.write(response, client.voidPromise());
    }

    private void upstreamReadComplete() {
        if (done) {
            return;
        }
        if (responseStarted) {
            client.flush();
            if (client.channel().isWritable()) {
                upstream.read();
            }
        } else {
            upstream.read();
        }
    }

    private void upstreamClosed() {
        if (done) {
            return;
        }
        if (!responseStarted) {
            if (reused && !hasBody && idempotent(head.method())) {
                // A pooled connection the upstream had closed: no answer began, so try another one. The closed
                // one never returns to the pool, so this ends at the pool's last idle connection, then a new one.
                LOG.debug("Upstream {}:{} had closed a pooled connection; sending the request again", origin.host(),
                        origin.port());
                detach();
                upstream = null;
                pool.acquire(client.channel(), origin, this::connected);
                return;
            }
            LOG.warn("Upstream {}:{} closed the connection before answering", origin.host(), origin.port());
            fail(ErrorCode.UPSTREAM_UNAVAILABLE);
            return;
        }
        cut();
    }

    /** Whether sending the request twice has the effect of sending it once (RFC 9110, section 9.2.2). */
    static boolean idempotent(HttpMethod method) {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS)
                || method.equals(HttpMethod.TRACE) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.DELETE);
    }

    private void finish() {
        boolean reusable = upstreamKeepAlive && requestComplete;
        if (reusable) {
            upstream.attr(USED).set(Boolean.TRUE);
        }
        end(reusable, !requestComplete);
    }

    /** The upstream broke the protocol. */
    private void broken() {
        if (!responseStarted) {
            fail(ErrorCode.UPSTREAM_UNAVAILABLE);
            return;
        }
        cut();
    }

    /** The answer was cut: the client must not take a truncated body for a whole one. */
    private void cut() {
        end(false, true);
    }

    /** The answer is over, whole or not: the upstream connection goes back to the pool or is closed. */
    private void end(boolean reusable, boolean clientMustClose) {
        done = true;
        cancelTimer();
        detach();
        client.flush();
        if (reusable) {
            pool.release(upstream, origin);
        } else {
            upstream.close();
        }
        listener.onComplete(status, System.nanoTime() - startNanos, clientMustClose);
    }

    private void fail(ErrorCode code) {
        done = true;
        cancelTimer();
        releasePending();
        if (upstream != null) {
            detach();
            upstream.close();
        }
        listener.onFailure(code);
    }

    private void detach() {
        if (upstream != null) {
            ConnectionHandler handler = upstream.pipeline().get(ConnectionHandler.class);
            if (handler != null && handler.call == this) {
                handler.call = null;
            }
        }
    }

    private void releasePending() {
        if (pendingBody != null) {
            pendingBody.forEach(ReferenceCountUtil::release);
            pendingBody = null;
        }
    }

    // --- timeouts: one timer per call, re-armed lazily, measuring silence from the upstream ------------

    private long timeoutNanos() {
        return requestComplete ? readTimeoutNanos : uploadTimeoutNanos;
    }

    private void scheduleTimer(long delayNanos) {
        timer = client.executor().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        if (done) {
            return;
        }
        long silent = System.nanoTime() - lastActivityNanos;
        long limit = timeoutNanos();
        if (silent < limit) {
            scheduleTimer(limit - silent);
            return;
        }
        LOG.warn("Upstream {}:{} silent for {} ms", origin.host(), origin.port(), TimeUnit.NANOSECONDS.toMillis(silent));
        if (!responseStarted) {
            fail(ErrorCode.UPSTREAM_TIMEOUT);
        } else {
            broken();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The failure and its causes (a closed-channel failure carries why the channel closed as its cause). */
    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : " ← ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }

    /** The one handler of an upstream connection: hands events to the call it serves, if any. */
    static final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final UpstreamPool pool;
        private final UpstreamPool.Origin origin;
        UpstreamCall call;

        ConnectionHandler(UpstreamPool pool, UpstreamPool.Origin origin) {
            this.pool = pool;
            this.origin = origin;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (call != null) {
                call.upstreamRead(msg);
            } else {
                ReferenceCountUtil.release(msg); // an idle connection has nothing to say: drop it
                ctx.close();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (call != null) {
                call.upstreamReadComplete();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (call != null && ctx.channel().isWritable()) {
                call.listener.onUpstreamWritable();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (call != null) {
                call.upstreamClosed();
            } else {
                pool.closed(ctx.channel(), origin);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Upstream connection to {}:{} failed: {}", origin.host(), origin.port(), describe(cause));
            ctx.close();
        }
    }
}
