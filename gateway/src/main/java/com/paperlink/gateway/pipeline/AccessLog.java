package com.paperlink.gateway.pipeline;

import com.paperlink.gateway.auth.AuthOutcome;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.logging.AccessLogWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line and the request metrics per {@code /api/v1} request. Never logs headers or the query
 * string, so no token or secret query parameter reaches the log. Meters are looked up once per tag set,
 * not per request. The line is written by {@link AccessLogWriter}; the logger {@code paperlink.access} only
 * switches it on or off (its level in logback.xml, or {@code LOGGER_LEVELS_PAPERLINK_ACCESS=OFF}).
 */
@Singleton
final class AccessLog {

    private static final Logger ACCESS = LoggerFactory.getLogger("paperlink.access");
    /** Longer paths are cut here in the line (and marked with an ellipsis). */
    private static final int MAX_PATH = 300;

    private final MeterRegistry registry;
    private final AccessLogWriter writer;
    private final Map<RequestsTag, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamLatency = new ConcurrentHashMap<>();
    private final Map<AuthOutcome, Counter> authFailures = new EnumMap<>(AuthOutcome.class);
    private final Counter rateLimited;

    AccessLog(MeterRegistry registry, AccessLogWriter writer) {
        this.registry = registry;
        this.writer = writer;
        for (AuthOutcome outcome : AuthOutcome.values()) {
            authFailures.put(outcome, registry.counter("paperlink.auth.failures", "reason",
                    outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.rateLimited = registry.counter("gateway.rate_limit.rejections");
    }

    void authFailure(AuthOutcome outcome) {
        authFailures.get(outcome).increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void upstreamLatency(String route, long nanos) {
        upstreamLatency.computeIfAbsent(route, name -> registry.timer("gateway.upstream.latency", "route", name))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void upstreamFailure(String route, ErrorCode code) {
        registry.counter("gateway.upstream.failures", "route", route, "code", code.code()).increment();
    }

    /** The exchange is over: count it and write its line. */
    void record(ApiExchange ex) {
        String outcome = ex.error != null ? ex.error.code() : ex.upstreamNanos >= 0 ? "proxied" : "ok";
        String route = ex.route == null ? "none" : ex.route;
        requests.computeIfAbsent(new RequestsTag(outcome, ex.status, route), tag -> registry.counter(
                "gateway.requests", "outcome", tag.outcome(), "status", String.valueOf(tag.status()),
                "route", tag.route())).increment();
        if (ACCESS.isInfoEnabled()) {
            long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ex.startNanos);
            long upstreamMs = ex.upstreamNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(ex.upstreamNanos);
            AccessLogWriter.LineBuilder line = writer.line().append(ex.request.method().name()).append(' ');
            if (ex.rawPath.length() <= MAX_PATH) {
                line.append(ex.rawPath);
            } else {
                line.append(ex.rawPath.substring(0, MAX_PATH)).append('…');
            }
            line.append(" status=").append(ex.status).append(" outcome=").append(outcome)
                    .append(" route=").append(route).append(" key=").append(ex.key == null ? "-" : ex.key.id())
                    .append(" client=").append(ex.client == null ? "-" : ex.clientText())
                    .append(" upstream_ms=").append(upstreamMs).append(" total_ms=").append(totalMs)
                    .append(" request_id=").append(ex.requestId)
                    .append(" trace_id=").append(ex.trace == null ? "-" : ex.trace.traceId());
            writer.write(line);
        }
    }

    private record RequestsTag(String outcome, int status, String route) {
    }
}
