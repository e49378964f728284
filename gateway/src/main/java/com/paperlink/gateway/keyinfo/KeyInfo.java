package com.paperlink.gateway.keyinfo;

import com.paperlink.keys.web.SecurityHeaders;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/key}: "which key is this?" — what the gateway knows about the calling key, answered
 * by the gateway itself (never proxied). Never the token: the caller already has it, and an answer may
 * end up in a log or a browser's history.
 *
 * @param routes    the routes the key may reach; empty means every route (shown as {@code null})
 * @param requests  the rate-limit policy the key is counted against
 * @param status    always {@code active}: any other key is refused with 401 before it gets here
 */
public record KeyInfo(String id, String prefix, String mode, String scope, List<String> routes, int requests,
                      long windowSeconds, @Nullable Instant expiresAt, String status) {

    /** The raw request path of the endpoint; no configured route may cover it. */
    public static final String PATH = "/api/v1/key";
    /** The part after {@code /api/v1}, reserved in the route table. */
    public static final String API_PATH = "/key";
    /** The {@code Allow} header of a 405 on this endpoint. */
    public static final String ALLOW = "GET, HEAD";
    /** The name this endpoint goes by in metrics and the access log (not a configurable route name). */
    public static final String ROUTE_LABEL = "key-info";

    /** {@code GET} and {@code HEAD} read the key info; any other method is 405. */
    public static boolean isReadMethod(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** The JSON body of the answer, fields in SPEC's order. */
    public String json() {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "id", id).append(',');
        field(out, "prefix", prefix).append(',');
        field(out, "mode", mode).append(',');
        field(out, "scope", scope).append(",\"routes\":");
        if (routes.isEmpty()) {
            out.append("null");
        } else {
            out.append('[');
            for (int i = 0; i < routes.size(); i++) {
                quote(out.append(i == 0 ? "" : ","), routes.get(i));
            }
            out.append(']');
        }
        out.append(",\"rateLimit\":{\"requests\":").append(requests).append(",\"windowSeconds\":").append(windowSeconds)
                .append("},");
        field(out, "expiresAt", expiresAt == null ? null : expiresAt.toString()).append(',');
        field(out, "status", status);
        return out.append('}').toString();
    }

    /** A complete 200 answer; for HEAD the same headers without the body. */
    public FullHttpResponse response(ByteBufAllocator alloc, boolean head) {
        byte[] json = json().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : alloc.buffer(json.length).writeBytes(json));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        SecurityHeaders.forEach("application/json", null, false, response.headers()::set);
        return response;
    }

    private static StringBuilder field(StringBuilder out, String name, @Nullable String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        return quote(out, value);
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
