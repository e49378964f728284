package com.paperlink.gateway.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context (level 1) {@code traceparent}: {@code version-traceid-parentid-flags}, e.g.
 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}. Parsing follows §3.2 and §4.3 of the
 * recommendation: lowercase hex only, version {@code ff} invalid, version 00 exactly 55 characters, a higher version
 * may carry more after a {@code -} (its first four fields are read as version 00's), all-zero trace or parent ids
 * invalid. Anything else is "no trace context": the caller starts a new trace.
 */
public record TraceParent(String traceId, String parentId, String flags) {

    private static final int LENGTH = 55;
    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO_TRACE = "00000000000000000000000000000000";
    private static final String ZERO_SPAN = "0000000000000000";

    /** The header's value, or null when absent or invalid. */
    public static TraceParent parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() < LENGTH || !isHex(value, 0, 2) || value.startsWith("ff")) {
            return null;
        }
        boolean version00 = value.startsWith("00");
        if (version00 ? value.length() != LENGTH : value.length() > LENGTH && value.charAt(LENGTH) != '-') {
            return null;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-'
                || !isHex(value, 3, 35) || !isHex(value, 36, 52) || !isHex(value, 53, 55)) {
            return null;
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        if (traceId.equals(ZERO_TRACE) || parentId.equals(ZERO_SPAN)) {
            return null;
        }
        return new TraceParent(traceId, parentId, value.substring(53, 55));
    }

    /** A new trace: random trace and parent ids, sampled. */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(2), randomHex(1), "01");
    }

    /** The same trace with {@code spanId} as the parent of the next hop. */
    public TraceParent child(String spanId) {
        return new TraceParent(traceId, spanId, flags);
    }

    /** A new random span id (16 hex digits, never all zero). */
    public static String newSpanId() {
        return randomHex(1);
    }

    public boolean sampled() {
        return (Character.digit(flags.charAt(1), 16) & 1) == 1;
    }

    /** The header value, version 00. */
    public String header() {
        return "00-" + traceId + '-' + parentId + '-' + flags;
    }

    private static boolean isHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** 16 or 32 random lowercase hex digits, never all zero. */
    private static String randomHex(int longs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        if (longs == 1) {
            return high == 0 ? randomHex(1) : HEX.toHexDigits(high);
        }
        long low = random.nextLong();
        return high == 0 && low == 0 ? randomHex(2) : HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }
}
