package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.auth.AuthOutcome;
import com.paperlink.gateway.auth.AuthResult;
import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.auth.KeyAuthenticator;
import com.paperlink.gateway.auth.KeyRateLimit;
import com.paperlink.gateway.authz.ScopePolicy;
import com.paperlink.gateway.client.ClientAddressResolver;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.keyinfo.KeyInfo;
import com.paperlink.gateway.proxy.HeaderRewriter;
import com.paperlink.gateway.proxy.UpstreamCall;
import com.paperlink.gateway.proxy.UpstreamConfiguration;
import com.paperlink.gateway.proxy.UpstreamPool;
import com.paperlink.gateway.ratelimit.FailureBudget;
import com.paperlink.gateway.ratelimit.RateLimitConfiguration;
import com.paperlink.gateway.ratelimit.RateLimitDecision;
import com.paperlink.gateway.ratelimit.RateLimitHeaders;
import com.paperlink.gateway.ratelimit.RateLimitPolicy;
import com.paperlink.gateway.ratelimit.RateLimiter;
import com.paperlink.gateway.routing.RouteTable;
import com.paperlink.gateway.tracing.Tracing;
import com.paperlink.gateway.usage.KeyTally;
import com.paperlink.gateway.usage.KeyUsageRecorder;
import com.paperlink.keys.web.CorsPolicy;
import io.micronaut.context.annotation.Property;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public API's request path, SPEC's order of checks top to bottom:
 * <ol>
 *   <li>{@link #handle}: who is calling from where (socket peer, or trusted {@code X-Forwarded-For});</li>
 *   <li>{@link #authenticate}: the Bearer key (401 / 503; 429 past the caller's failed-authentication
 *       budget), then the key's IP allowlist (403);</li>
 *   <li>{@link #limitRoutes}: the route the path belongs to, against the key's route scope (403);</li>
 *   <li>{@link #rateLimit}: the key's sliding window (429), rate-limit headers on every later answer;</li>
 *   <li>{@link #authorize}: the key's scope against the method (403 / 405);</li>
 *   <li>{@link #route}: the upstream for the path and the key's mode (404), or the key info answered here;</li>
 *   <li>{@link #proxy}: the request streamed to the upstream and its answer streamed back (502 / 504).</li>
 * </ol>
 * Each step is a plain call into its stage ({@code auth}, {@code client}, {@code ratelimit}, {@code authz},
 * {@code routing}, {@code proxy}). Everything runs on the event loop that accepted the client: a step that
 * waits (a key lookup on a cache miss, Redis) continues on that same loop when its answer arrives, and
 * continues at once when the answer is already there (a cached key, the in-process limiter).
 */
@Singleton
public final class ApiPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ApiPipeline.class);
    static final String CHALLENGE = "Bearer realm=\"PaperLink API\"";
    /** The trace id of the request, on every answer (the same as in the access log and the upstream's traceparent). */
    static final String TRACE_ID_HEADER = "X-Trace-Id";

    private final KeyAuthenticator authenticator;
    private final ClientAddressResolver clientAddresses;
    private final RateLimiter limiter;
    private final FailureBudget failureBudget;
    private final RateLimitPolicy defaultPolicy;
    private final String defaultPolicyHeader;
    private final boolean rateLimitEnabled;
    private final RouteTable routes;
    private final UpstreamPool upstreams;
    private final UpstreamConfiguration upstream;
    private final KeyUsageRecorder usage;
    private final AccessLog accessLog;
    private final Tracing tracing;
    private final Map<String, UpstreamPool.Origin> origins = new ConcurrentHashMap<>();
    private final CorsPolicy cors;
    /** Per-key limits seen so far, each with its header built once (bounded: few distinct limits exist). */
    private final Map<KeyRateLimit, KeyPolicy> keyPolicies = new ConcurrentHashMap<>();

    /** A key's own policy and its {@code RateLimit-Policy} value. */
    private record KeyPolicy(RateLimitPolicy policy, String header) {
        static KeyPolicy of(KeyRateLimit limit) {
            RateLimitPolicy policy = new RateLimitPolicy(limit.requests(), Duration.ofSeconds(limit.windowSeconds()));
            return new KeyPolicy(policy, policy.headerValue());
        }
    }

    private static final int MAX_KEY_POLICIES = 10_000;

    ApiPipeline(KeyAuthenticator authenticator, ClientAddressResolver clientAddresses, RateLimiter limiter,
                FailureBudget failureBudget, RateLimitConfiguration rateLimit,
                @Property(name = "gateway.rate-limit.enabled", defaultValue = "true") boolean rateLimitEnabled,
                RouteTable routes, UpstreamPool upstreams, UpstreamConfiguration upstream, KeyUsageRecorder usage,
                AccessLog accessLog, Tracing tracing, CorsPolicy cors) {
        this.cors = cors;
        this.authenticator = authenticator;
        this.clientAddresses = clientAddresses;
        this.limiter = limiter;
        this.failureBudget = failureBudget;
        this.defaultPolicy = rateLimit.defaultPolicy();
        this.defaultPolicyHeader = defaultPolicy.headerValue();
        this.rateLimitEnabled = rateLimitEnabled;
        this.routes = routes;
        this.upstreams = upstreams;
        this.upstream = upstream;
        this.usage = usage;
        this.accessLog = accessLog;
        this.tracing = tracing;
    }

    /**
     * Step 0: the request's trace (the client's W3C trace context, or a new one); a browser's CORS preflight is
     * answered here, before authentication (it carries no key and spends no budget); otherwise who is calling,
     * from where (never rejects); then on to authentication.
     */
    void handle(ApiExchange ex) {
        HttpHeaders request = ex.request.headers();
        ex.trace = tracing.start(request.get(HeaderRewriter.TRACEPARENT), request.get(HeaderRewriter.TRACESTATE), ex.request.method().name());
        if (CorsPolicy.isPreflight(ex.request.method().name(), request.get(HttpHeaderNames.ORIGIN),
                request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD))) {
            preflight(ex);
            return;
        }
        ex.client = ex.connection.client(clientAddresses, request);
        authenticate(ex);
    }

    /**
     * Step 1: the Bearer key. A well-formed key this node does not hold is paid for from the caller's
     * failed-authentication budget before it is looked up; past the budget the answer is 429 without a lookup.
     * Keys the node holds are never charged, so one broken script behind an office NAT cannot lock out the
     * office's working keys.
     */
    private void authenticate(ApiExchange ex) {
        KeyAuthenticator.Credential credential =
                authenticator.read(ex.request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (!authenticator.needsLookup(credential)) {
            verify(ex, credential);
            return;
        }
        ex.budgetSpent = true;
        resume(ex, failureBudget.spend(ex.clientText()), FailureBudget.Verdict.ALLOWED_ON_ERROR, verdict -> {
            if (!verdict.allowed()) {
                tooManyFailures(ex, verdict);
                return;
            }
            verify(ex, credential);
        });
    }

    /** Step 1, continued: who the key belongs to, then where it may be used from (403), before any budget is spent. */
    private void verify(ApiExchange ex, KeyAuthenticator.Credential credential) {
        CompletionStage<AuthResult> result;
        try {
            result = authenticator.authenticate(credential);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        resume(ex, result, AuthResult.rejected(AuthOutcome.UNAVAILABLE), auth -> {
            if (!auth.isValid()) {
                unauthenticated(ex, auth.outcome());
                return;
            }
            AuthenticatedKey key = auth.key();
            ex.key = key;
            ex.usage = usage.tally(key.id(), key.teamId()); // every answer from here on counts as the key's usage
            if (!key.allowedIps().isUnrestricted() && !key.allowedIps().allows(ex.client.client())) {
                reject(ex, ErrorCode.IP_NOT_ALLOWED);
                return;
            }
            ex.usage.used(ex.client.client());
            limitRoutes(ex);
        });
    }

    /**
     * Every rejection is the same 401, so a caller learns nothing about which keys exist. A failure that cost
     * no lookup (a missing, malformed or remembered-unknown key) still spends budget; keys the node holds as
     * revoked or expired do not.
     */
    private void unauthenticated(ApiExchange ex, AuthOutcome outcome) {
        accessLog.authFailure(outcome);
        if (outcome == AuthOutcome.UNAVAILABLE) {
            reject(ex, ErrorCode.AUTH_UNAVAILABLE);
            return;
        }
        if (ex.budgetSpent || outcome == AuthOutcome.REVOKED || outcome == AuthOutcome.EXPIRED
                || outcome == AuthOutcome.DISABLED) {
            reject(ex, ErrorCode.UNAUTHORIZED);
            return;
        }
        ex.budgetSpent = true;
        resume(ex, failureBudget.spend(ex.clientText()), FailureBudget.Verdict.ALLOWED_ON_ERROR, verdict -> {
            if (verdict.allowed()) {
                reject(ex, ErrorCode.UNAUTHORIZED);
            } else {
                tooManyFailures(ex, verdict);
            }
        });
    }

    private void tooManyFailures(ApiExchange ex, FailureBudget.Verdict verdict) {
        ex.retryAfterSeconds = verdict.retryAfterSeconds();
        reject(ex, ErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS);
    }

    /**
     * Step 1, last: the route the path belongs to, against the key's route scope (403), before any budget is
     * spent, like the allowlist. A path no route serves goes on (404 after the rate limit, as before); the key
     * info endpoint belongs to every key.
     */
    private void limitRoutes(ApiExchange ex) {
        if (KeyInfo.PATH.equals(ex.rawPath)) {
            ex.keyInfo = true;
            ex.route = KeyInfo.ROUTE_LABEL;
            rateLimit(ex);
            return;
        }
        ex.target = routes.match(ex.rawPath, ex.rawQuery, ex.key.mode()).orElse(null);
        if (ex.target != null && !ex.key.routes().allows(ex.target.route().name())) {
            ex.route = ex.target.route().name();
            reject(ex, ErrorCode.ROUTE_NOT_ALLOWED);
            return;
        }
        rateLimit(ex);
    }

    /**
     * Step 2: one request of the key's budget (global through Redis; per node while Redis is away), under the key's
     * own limit or the default. The bucket is the key's, or the one a roll carried over to both keys of the pair.
     */
    private void rateLimit(ApiExchange ex) {
        if (!rateLimitEnabled) {
            authorize(ex);
            return;
        }
        KeyRateLimit own = ex.key.rateLimit();
        if (own == null) {
            ex.policy = defaultPolicy;
            ex.policyHeader = defaultPolicyHeader;
        } else {
            KeyPolicy policy = keyPolicies.get(own);
            if (policy == null) {
                policy = KeyPolicy.of(own);
                if (keyPolicies.size() < MAX_KEY_POLICIES) {
                    keyPolicies.putIfAbsent(own, policy);
                }
            }
            ex.policy = policy.policy();
            ex.policyHeader = policy.header();
        }
        resume(ex, limiter.acquire(ex.key.rateLimitBucket(), ex.policy), null, decision -> {
            ex.rateLimit = decision;
            if (!decision.allowed()) {
                accessLog.rateLimited();
                reject(ex, ErrorCode.RATE_LIMIT_EXCEEDED);
                return;
            }
            authorize(ex);
        });
    }

    /** Step 3: the key's scope against the method. */
    private void authorize(ApiExchange ex) {
        if (ex.keyInfo) {
            if (KeyInfo.isReadMethod(ex.request.method().name())) {
                keyInfo(ex);
            } else {
                reject(ex, ErrorCode.METHOD_NOT_ALLOWED);
            }
            return;
        }
        switch (ScopePolicy.decide(ex.key.scope(), ex.request.method().name())) {
            case ALLOWED -> route(ex);
            case SCOPE_INSUFFICIENT -> reject(ex, ErrorCode.SCOPE_INSUFFICIENT);
            case METHOD_NOT_ALLOWED -> reject(ex, ErrorCode.METHOD_NOT_ALLOWED);
        }
    }

    /** Step 4: which upstream, by path and the key's mode alone (matched before the route scope check). */
    private void route(ApiExchange ex) {
        RouteTable.Target target = ex.target;
        if (target == null) {
            reject(ex, ErrorCode.NOT_FOUND);
            return;
        }
        ex.route = target.route().name();
        proxy(ex, target);
    }

    /**
     * {@code GET /api/v1/key}, answered by the gateway: the calling key as this node holds it, with the
     * rate-limit policy it is counted against (its own limit, or the gateway default).
     */
    private void keyInfo(ApiExchange ex) {
        AuthenticatedKey key = ex.key;
        KeyRateLimit own = key.rateLimit();
        int requests = own != null ? own.requests() : defaultPolicy.requests();
        long windowSeconds = own != null ? own.windowSeconds() : defaultPolicy.window().toSeconds();
        KeyInfo info = new KeyInfo(key.id(), key.prefix(), key.mode().wire(), key.scope().wire(),
                key.routes().names(), requests, windowSeconds, key.expiresAt(), "active");
        respond(ex, info.response(ex.ctx.alloc(), ex.request.method().name().equals("HEAD")));
    }

    /** Step 5: forward with the gateway's headers and stream both bodies. */
    private void proxy(ApiExchange ex, RouteTable.Target target) {
        AuthenticatedKey key = ex.key;
        List<String> chain = ex.client.forwardedChain();
        HttpHeaders headers = HeaderRewriter.toUpstream(ex.request.headers(),
                new HeaderRewriter.Identity(key.teamId(), key.id(), key.mode().wire(), key.scope().wire()),
                ex.requestId, chain.size() == 1 ? chain.get(0) : String.join(", ", chain), ex.connection.scheme(),
                ex.request.headers().get(HttpHeaderNames.HOST), ex.trace.traceparent(), ex.trace.tracestate());
        String uri = target.uri();
        int pathStart = uri.indexOf('/', uri.indexOf("//") + 2);
        HttpRequest upstreamRequest = new DefaultHttpRequest(HttpVersion.HTTP_1_1, ex.request.method(),
                uri.substring(pathStart), headers);
        if (HttpUtil.is100ContinueExpected(ex.request)) {
            ex.connection.sendContinue();
        }
        UpstreamPool.Origin origin = origins.computeIfAbsent(target.route().baseUrl(key.mode()),
                base -> UpstreamPool.Origin.of(URI.create(base)));
        ex.call = new UpstreamCall(ex.ctx, upstreams, origin, upstreamRequest, ex.hasBody,
                ex.request.protocolVersion().isKeepAliveDefault(), upstream.readTimeout(), upstream.uploadTimeout(),
                new Answer(ex));
        for (var content : ex.takeEarlyBody()) {
            ex.call.sendBody(content);
        }
        ex.call.start();
    }

    /** The upstream's side of step 5, back on the client's connection. */
    private final class Answer implements UpstreamCall.Listener {
        private final ApiExchange ex;

        Answer(ApiExchange ex) {
            this.ex = ex;
        }

        @Override
        public void onResponseHead(HttpResponse response) {
            countAnswer(ex, response.status().code());
            decorate(ex, response.headers());
            if (ex.closeAfter) {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
        }

        @Override
        public void onFailure(ErrorCode code) {
            accessLog.upstreamFailure(ex.route, code);
            reject(ex, code);
        }

        @Override
        public void onComplete(int status, long upstreamNanos, boolean clientMustClose) {
            ex.upstreamNanos = upstreamNanos;
            if (clientMustClose) {
                ex.closeAfter = true;
            }
            ex.responded(status);
            accessLog.upstreamLatency(ex.route, upstreamNanos);
            ex.connection.exchangeDone(ex);
        }

        @Override
        public void onUpstreamWritable() {
            ex.connection.resumeReads();
        }
    }

    /** 204 with the allowed methods and headers for a listed origin; 403 {@code origin_not_allowed} otherwise. */
    private void preflight(ApiExchange ex) {
        Map<String, String> allowed = cors.preflight(ex.request.headers().get(HttpHeaderNames.ORIGIN),
                ex.request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD));
        if (allowed == null) {
            reject(ex, ErrorCode.ORIGIN_NOT_ALLOWED);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        allowed.forEach(response.headers()::set);
        response.headers().set("X-Request-Id", ex.requestId);
        boolean over = ex.responded(HttpResponseStatus.NO_CONTENT.code());
        if (ex.closeAfter) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        ex.ctx.writeAndFlush(response, ex.ctx.voidPromise());
        if (over) {
            ex.connection.exchangeDone(ex);
        } else {
            ex.connection.resumeReads();
        }
    }

    /** Answers with an error in the one JSON shape; the connection then goes on (or closes) as the exchange says. */
    void reject(ApiExchange ex, ErrorCode code) {
        if (ex.isResponded() || !ex.connection.isCurrent(ex)) {
            return;
        }
        ex.error = code;
        FullHttpResponse response = ErrorResponses.netty(ex.ctx.alloc(), code, ex.requestId);
        HttpHeaders headers = response.headers();
        switch (code) {
            case UNAUTHORIZED -> headers.set(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
            case AUTH_UNAVAILABLE -> headers.set(HttpHeaderNames.RETRY_AFTER, "1");
            case METHOD_NOT_ALLOWED -> headers.set(HttpHeaderNames.ALLOW, ex.keyInfo ? KeyInfo.ALLOW : ScopePolicy.ALLOW);
            case RATE_LIMIT_EXCEEDED -> headers.set(HttpHeaderNames.RETRY_AFTER, ex.rateLimit.retryAfterSeconds());
            case TOO_MANY_FAILED_AUTHENTICATIONS -> headers.set(HttpHeaderNames.RETRY_AFTER, ex.retryAfterSeconds);
            default -> {
            }
        }
        respond(ex, response);
    }

    /** Sends a complete answer of the gateway's own; the connection then goes on (or closes) as the exchange says. */
    private void respond(ApiExchange ex, FullHttpResponse response) {
        countAnswer(ex, response.status().code());
        HttpHeaders headers = response.headers();
        decorate(ex, headers);
        boolean over = ex.responded(response.status().code());
        if (ex.closeAfter) {
            headers.set(HttpHeaderNames.CONNECTION, "close");
        }
        ex.ctx.writeAndFlush(response, ex.ctx.voidPromise());
        if (over) {
            ex.connection.exchangeDone(ex);
        } else {
            ex.connection.resumeReads(); // read the small rest of the body, and drop it
        }
    }

    /** A key's request counts once, by the status its answer starts with, before the answer is written. */
    private static void countAnswer(ApiExchange ex, int status) {
        KeyTally tally = ex.usage;
        if (tally != null) {
            ex.usage = null;
            tally.answered(status);
        }
    }

    /** The headers every answer from step 2 on carries, and the request id (and CORS headers) on every answer. */
    private void decorate(ApiExchange ex, HttpHeaders headers) {
        headers.set("X-Request-Id", ex.requestId);
        if (ex.trace != null) {
            headers.set(TRACE_ID_HEADER, ex.trace.traceId());
        }
        if (cors.isEnabled()) {
            cors.decorate(ex.request.headers().get(HttpHeaderNames.ORIGIN),
                    (name, value) -> {
                        if (name.equals("Vary")) {
                            headers.add(name, value);
                        } else {
                            headers.set(name, value);
                        }
                    });
        }
        RateLimitDecision decision = ex.rateLimit;
        if (decision != null) {
            RateLimitHeaders.apply(headers, decision, ex.policyHeader, System.currentTimeMillis());
        }
    }

    /**
     * Continues with {@code next} on the exchange's event loop: at once when the answer is already there,
     * else when it arrives. {@code onError} (or 503) stands in for an answer that failed, which the stages
     * promise never happens. An exchange whose client has gone is not continued.
     */
    private <T> void resume(ApiExchange ex, CompletionStage<T> stage, T onError, Consumer<T> next) {
        CompletableFuture<T> future = EventLoopResume.onCallersLoop(stage).toCompletableFuture();
        if (future.isDone()) {
            continueWith(ex, future, onError, next);
        } else {
            future.whenComplete((value, error) -> continueWith(ex, future, onError, next));
        }
    }

    private <T> void continueWith(ApiExchange ex, CompletableFuture<T> future, T onError, Consumer<T> next) {
        if (!ex.connection.isCurrent(ex)) {
            return; // the client went away while we waited
        }
        T value;
        try {
            value = future.join();
        } catch (RuntimeException e) {
            LOG.error("Pipeline step failed unexpectedly ({})", e.getClass().getName());
            if (onError == null) {
                reject(ex, ErrorCode.INTERNAL_ERROR);
                return;
            }
            value = onError;
        }
        try {
            next.accept(value);
        } catch (RuntimeException e) {
            LOG.error("Pipeline step failed unexpectedly", e);
            if (ex.call != null) {
                ex.call.abort();
            }
            reject(ex, ErrorCode.INTERNAL_ERROR);
        }
    }
}
