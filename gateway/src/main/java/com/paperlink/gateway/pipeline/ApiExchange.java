package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.client.ClientAddressResolver;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.proxy.UpstreamCall;
import com.paperlink.gateway.ratelimit.RateLimitDecision;
import com.paperlink.gateway.ratelimit.RateLimitPolicy;
import com.paperlink.gateway.routing.RouteTable;
import com.paperlink.gateway.usage.KeyTally;
import com.paperlink.gateway.tracing.Tracing;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /api/v1} request on its way through the pipeline: what each step found out, the client's body
 * while no upstream takes it yet, and the call that forwards it. Lives on one event loop; not thread-safe.
 */
final class ApiExchange {

    /** A body this small is read and dropped after an early answer, so the connection can be kept. */
    private static final long DISCARDABLE_BODY = 64 * 1024;

    final ChannelHandlerContext ctx;
    final ApiConnectionHandler connection;
    final HttpRequest request;
    final String rawPath;
    final String rawQuery;
    final String requestId;
    final long startNanos = System.nanoTime();
    final boolean hasBody;

    Tracing.RequestTrace trace;
    ClientAddressResolver.Resolution client;
    AuthenticatedKey key;
    KeyTally usage;
    RateLimitDecision rateLimit;
    RateLimitPolicy policy;
    String policyHeader;
    String route;
    /** The route the path belongs to, matched before the route scope check; {@code null} for none. */
    RouteTable.Target target;
    /** The request is for the gateway's own {@code /api/v1/key}. */
    boolean keyInfo;
    ErrorCode error;
    UpstreamCall call;
    int status;
    long upstreamNanos = -1;
    boolean closeAfter;
    boolean budgetSpent;
    long retryAfterSeconds;
    long bodyBytes;

    private boolean requestComplete;
    private boolean responded;
    private boolean discarding;
    private List<HttpContent> earlyBody;

    ApiExchange(ChannelHandlerContext ctx, ApiConnectionHandler connection, HttpRequest request, String rawPath,
                String rawQuery, String requestId, boolean hasBody, boolean keepAlive) {
        this.ctx = ctx;
        this.connection = connection;
        this.request = request;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.requestId = requestId;
        this.hasBody = hasBody;
        this.requestComplete = false;
        this.closeAfter = !keepAlive;
    }

    /** The client's address as text, the failed-authentication budget's bucket. */
    String clientText() {
        return connection.clientText(client);
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** Whether the pipeline wants more of the client's body read now. */
    boolean wantsBody() {
        if (requestComplete) {
            return false;
        }
        if (discarding) {
            return true;
        }
        return call != null && call.canTakeBody();
    }

    /** A piece of the client's body (or the empty last piece of a bodiless request). Takes ownership. */
    void clientContent(HttpContent content, ApiPipeline pipeline) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            requestComplete = true;
            closeAfter = true;
            if (call != null) {
                call.abort();
            }
            if (!responded) {
                pipeline.reject(this, ErrorCode.BAD_REQUEST);
            } else {
                connection.exchangeDone(this);
            }
            return;
        }
        if (discarding) {
            content.release();
            if (requestComplete) {
                discarding = false;
                connection.exchangeDone(this);
            }
            return;
        }
        if (call != null) {
            call.sendBody(content);
            return;
        }
        if (responded) {
            content.release();
            return;
        }
        if (earlyBody == null) {
            earlyBody = new ArrayList<>(2);
        }
        earlyBody.add(content);
    }

    /** Body pieces that arrived before the upstream call existed, in order; the caller takes ownership. */
    List<HttpContent> takeEarlyBody() {
        List<HttpContent> body = earlyBody;
        earlyBody = null;
        return body == null ? List.of() : body;
    }

    /**
     * Marks the answer as sent. Returns true when the exchange is over for the connection (the client's
     * request was read whole, or will not be read: then the connection closes), false while a small
     * remainder of the body is still being read and dropped.
     */
    boolean responded(int status) {
        this.status = status;
        responded = true;
        releaseEarlyBody();
        if (requestComplete) {
            return true;
        }
        long declared = io.netty.handler.codec.http.HttpUtil.getContentLength(request, -1L);
        if (call == null && (!hasBody || (declared >= 0 && declared <= DISCARDABLE_BODY))) {
            discarding = true;
            return false;
        }
        closeAfter = true;
        return true;
    }

    boolean isResponded() {
        return responded;
    }

    /** The client went away: stop the upstream call, drop what is buffered. */
    void abandon() {
        if (call != null) {
            call.abort();
        }
        releaseEarlyBody();
    }

    private void releaseEarlyBody() {
        if (earlyBody != null) {
            earlyBody.forEach(ReferenceCountUtil::release);
            earlyBody = null;
        }
    }
}
