package com.paperlink.gateway.pipeline;

import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The order of the gateway's filters, in one place. Micronaut runs lower numbers first, so the
 * pipeline reads top to bottom as SPEC's order of checks: authenticate → client address and IP
 * allowlist → rate limit → scope → route → proxy. Every step answers an error itself or passes on.
 */
public final class PipelineOrder {

    private static final int BASE = ServerFilterPhase.SECURITY.order();

    /** Request id, access log and metrics wrap everything, including /health and framework errors. */
    public static final int REQUEST_CONTEXT = ServerFilterPhase.FIRST.order();
    /** Step 0: who is calling from where (socket peer or trusted X-Forwarded-For); never rejects. */
    public static final int CLIENT_ADDRESS = BASE - 10;
    /** Step 1: who is calling (401 / 503). */
    public static final int AUTHENTICATE = BASE;
    /** Step 1b: allowed from where (403 ip_not_allowed), before the key's budget is spent. */
    public static final int IP_ALLOWLIST = BASE + 10;
    /** Step 2: the rate limit (429), and the rate-limit headers on every later answer. */
    public static final int RATE_LIMIT = BASE + 20;
    /** Step 3: scope by method (403 / 405). */
    public static final int SCOPE = BASE + 30;
    /** Step 4: which upstream (404). */
    public static final int ROUTE = BASE + 40;
    /** Step 5: forward and stream; never calls the rest of the chain. */
    public static final int PROXY = BASE + 50;

    /** Every pipeline step but the request context applies to the public API only. */
    public static final String API_PATTERN = "/api/v1/**";
    public static final String API_PREFIX = "/api/v1";

    private PipelineOrder() {
    }
}
