package com.paperlink.gateway.tracing;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Trace context for one {@code /api/v1} request: the client's W3C {@code traceparent} continued (a new trace
 * when it is absent or invalid), the next hop's {@code traceparent} for the upstream, and, when spans are on, an
 * OpenTelemetry SERVER span for the gateway's part.
 *
 * <p>Spans are on when an exporter is configured ({@code otel.traces.exporter}, set to {@code otlp} when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is) or a {@link SpanProcessor} bean exists. Otherwise the request only gets
 * new ids (no span objects, nothing recorded), which is all propagation needs.
 */
@Singleton
public final class Tracing {

    private final Tracer tracer;

    Tracing(OpenTelemetry openTelemetry, @Nullable @Property(name = "otel.traces.exporter") String exporter,
            Optional<SpanProcessor> processor) {
        boolean spans = processor.isPresent() || exporter != null && !exporter.isBlank() && !"none".equals(exporter);
        this.tracer = spans ? openTelemetry.getTracer("paperlink-gateway") : null;
    }

    /** Whether requests get OpenTelemetry spans. */
    public boolean spans() {
        return tracer != null;
    }

    /** Starts the gateway's part of the request's trace. */
    public RequestTrace start(@Nullable String traceparent, @Nullable String tracestate, String method) {
        TraceParent incoming = TraceParent.parse(traceparent);
        String state = incoming == null ? null : tracestate; // level 1: tracestate only with a valid traceparent
        if (tracer == null) {
            // a new trace's random parent id is the gateway's span id: the next hop's parent
            return new RequestTrace(incoming == null ? TraceParent.newTrace() : incoming.child(TraceParent.newSpanId()),
                    state, null);
        }
        Context parent = incoming == null ? Context.root() : Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
                incoming.traceId(), incoming.parentId(), TraceFlags.fromHex(incoming.flags(), 0), TraceState.getDefault())));
        Span span = tracer.spanBuilder(method + " /api/v1").setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method).startSpan();
        SpanContext context = span.getSpanContext();
        return new RequestTrace(new TraceParent(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex()),
                state, span);
    }

    /** The trace of one request: what the upstream gets, and the span to end. */
    public static final class RequestTrace {
        private final TraceParent next;
        private final String tracestate;
        private final Span span;

        RequestTrace(TraceParent next, String tracestate, Span span) {
            this.next = next;
            this.tracestate = tracestate;
            this.span = span;
        }

        public String traceId() {
            return next.traceId();
        }

        /** {@code traceparent} for the upstream: this trace, the gateway's span as parent. */
        public String traceparent() {
            return next.header();
        }

        /** {@code tracestate} for the upstream, or null. */
        public String tracestate() {
            return tracestate;
        }

        /** The request is over (answered, or the client went away when {@code status} is 0). */
        public void end(int status, @Nullable String route, @Nullable String keyId, @Nullable String errorCode) {
            if (span == null) {
                return;
            }
            if (status > 0) {
                span.setAttribute("http.response.status_code", status);
            }
            if (route != null) {
                span.setAttribute("http.route", "/api/v1/" + route);
            }
            if (keyId != null) {
                span.setAttribute("paperlink.key.id", keyId);
            }
            if (errorCode != null) {
                span.setAttribute("error.type", errorCode);
            }
            if (status >= 500 || status == 0) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
