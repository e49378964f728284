package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.client.ClientAddressResolver;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.ratelimit.RateLimitDecision;
import com.paperlink.gateway.routing.RouteTable;
import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.util.Optional;

/** What one step leaves on the request for the later steps, the access log and the metrics. */
public final class PipelineAttributes {

    static final String REQUEST_ID = "paperlink.request-id";
    private static final String KEY = "paperlink.key";
    private static final String CLIENT = "paperlink.client-address";
    private static final String RATE_LIMIT = "paperlink.rate-limit";
    private static final String ROUTE = "paperlink.route";
    private static final String TARGET = "paperlink.target";
    private static final String ERROR = "paperlink.error";
    private static final String UPSTREAM_NANOS = "paperlink.upstream-nanos";

    private PipelineAttributes() {
    }

    public static void setKey(HttpRequest<?> request, AuthenticatedKey key) {
        request.setAttribute(KEY, key);
    }

    public static Optional<AuthenticatedKey> key(HttpRequest<?> request) {
        return request.getAttribute(KEY, AuthenticatedKey.class);
    }

    public static void setClient(HttpRequest<?> request, ClientAddressResolver.Resolution resolution) {
        request.setAttribute(CLIENT, resolution);
    }

    public static Optional<ClientAddressResolver.Resolution> client(HttpRequest<?> request) {
        return request.getAttribute(CLIENT, ClientAddressResolver.Resolution.class);
    }

    public static Optional<InetAddress> clientAddress(HttpRequest<?> request) {
        return client(request).map(ClientAddressResolver.Resolution::client);
    }

    public static void setTarget(HttpRequest<?> request, RouteTable.Target target) {
        request.setAttribute(TARGET, target);
        request.setAttribute(ROUTE, target.route().name());
    }

    public static Optional<RouteTable.Target> target(HttpRequest<?> request) {
        return request.getAttribute(TARGET, RouteTable.Target.class);
    }

    public static void setRateLimit(HttpRequest<?> request, RateLimitDecision decision) {
        request.setAttribute(RATE_LIMIT, decision);
    }

    public static Optional<RateLimitDecision> rateLimit(HttpRequest<?> request) {
        return request.getAttribute(RATE_LIMIT, RateLimitDecision.class);
    }

    public static Optional<String> route(HttpRequest<?> request) {
        return request.getAttribute(ROUTE, String.class);
    }

    public static void setError(HttpRequest<?> request, ErrorCode code) {
        request.setAttribute(ERROR, code);
    }

    public static Optional<ErrorCode> error(HttpRequest<?> request) {
        return request.getAttribute(ERROR, ErrorCode.class);
    }

    public static void setUpstreamNanos(HttpRequest<?> request, long nanos) {
        request.setAttribute(UPSTREAM_NANOS, nanos);
    }

    public static Optional<Long> upstreamNanos(HttpRequest<?> request) {
        return request.getAttribute(UPSTREAM_NANOS, Long.class);
    }
}
