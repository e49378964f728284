package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.gateway.e2e.RecordingUpstream.Received;
import com.paperlink.gateway.tracing.TraceParent;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context through the gateway, with OpenTelemetry spans going to an in-memory exporter: the upstream
 * continues the client's trace with the gateway's span as parent, a new trace is made when there is none (or it is
 * invalid), and the answer carries the trace id.
 */
class TraceContextTest {

    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_PARENT = "00f067aa0ba902b7";

    private static GatewayHarness gateway;
    private static InMemorySpanExporter spans;
    private static TestKey key;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("tracecontext", Map.of(InMemorySpans.ENABLED, "true"));
        spans = gateway.context().getBean(InMemorySpanExporter.class);
        key = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void forget() {
        gateway.live.clear();
        spans.reset();
    }

    /**
     * Every case sends one request, whose span ends just after its answer is written: wait for it here, so it
     * cannot end after the next case's reset and be taken for that case's span.
     */
    @AfterEach
    void awaitTheSpanOfThisCase() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spans.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void upstreamContinuesTheClientsTraceWithTheGatewaysSpanAsParent() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_PARENT + "-01")
                .header("tracestate", "vendor=abc,other=1").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        Received received = gateway.live.next();
        TraceParent upstream = TraceParent.parse(received.header("traceparent"));
        assertThat(upstream.traceId()).isEqualTo(CLIENT_TRACE);
        assertThat(upstream.parentId()).isNotEqualTo(CLIENT_PARENT);
        assertThat(received.header("tracestate")).isEqualTo("vendor=abc,other=1");
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(CLIENT_TRACE);

        SpanData span = onlySpan();
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(CLIENT_TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CLIENT_PARENT);
        assertThat(span.getSpanId()).as("the upstream's parent is the gateway's span").isEqualTo(upstream.parentId());
        assertThat(span.getAttributes().asMap().toString()).contains("http.response.status_code=200")
                .contains("http.route=/api/v1/products").contains("paperlink.key.id=" + key.id());
    }

    @Test
    void startsATraceWhenTheClientSendsNone() throws Exception {
        HttpResponse<String> response = gateway.get("/api/v1/products", key.token());

        assertThat(response.statusCode()).isEqualTo(200);
        TraceParent upstream = TraceParent.parse(gateway.live.next().header("traceparent"));
        assertThat(upstream).isNotNull();
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(upstream.traceId());
        SpanData span = onlySpan();
        assertThat(span.getTraceId()).isEqualTo(upstream.traceId());
        assertThat(span.getParentSpanContext().isValid()).as("a root span").isFalse();
    }

    @Test
    void startsANewTraceForAnInvalidTraceparentAndDropsItsTracestate() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", key.token())
                .header("traceparent", "00-" + CLIENT_TRACE.toUpperCase() + "-" + CLIENT_PARENT + "-01")
                .header("tracestate", "vendor=abc").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        Received received = gateway.live.next();
        TraceParent upstream = TraceParent.parse(received.header("traceparent"));
        assertThat(upstream.traceId()).isNotEqualToIgnoringCase(CLIENT_TRACE);
        assertThat(received.header("tracestate")).isNull();
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(upstream.traceId());
    }

    @Test
    void rejectedRequestsCarryTheTraceIdAndEndTheirSpan() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/products", null)
                .header("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_PARENT + "-01").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(CLIENT_TRACE);
        assertThat(onlySpan().getAttributes().asMap().toString()).contains("http.response.status_code=401")
                .contains("error.type=unauthorized");
        assertThat(gateway.live.nothingReceived()).isTrue();
    }

    /** The one span of the request, once it has ended (spans end just after the answer is written). */
    private static SpanData onlySpan() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<SpanData> finished = spans.getFinishedSpanItems();
        while (finished.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            finished = spans.getFinishedSpanItems();
        }
        assertThat(finished).hasSize(1);
        return finished.get(0);
    }
}
