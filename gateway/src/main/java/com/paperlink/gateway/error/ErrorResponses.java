package com.paperlink.gateway.error;

import com.paperlink.keys.web.SecurityHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds error responses in the one shape, for Micronaut's side and for the pipeline's raw Netty side. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, ErrorCode code) {
        return HttpResponse.<ErrorBody>status(code.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(code, RequestIds.of(request)));
    }

    /**
     * The same shape as a complete Netty response: {@code {"error":{"code","message","requestId"}}}, JSON
     * content type, never cached (an error is about this request only), with the security headers of
     * {@link SecurityHeaders}.
     */
    public static FullHttpResponse netty(ByteBufAllocator alloc, ErrorCode code, String requestId) {
        byte[] json = ("{\"error\":{\"code\":\"" + code.code() + "\",\"message\":" + quote(code.message())
                + ",\"requestId\":\"" + requestId + "\"}}").getBytes(StandardCharsets.UTF_8);
        ByteBuf body = alloc.buffer(json.length).writeBytes(json);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code.status().getCode()), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        // The same browser-facing policy as every other answer of ours (not a page: loads nothing, never framed).
        SecurityHeaders.forEach("application/json", null, false, response.headers()::set);
        return response;
    }

    /** A JSON string literal (the public messages are fixed text; request ids are [A-Za-z0-9._-]). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
