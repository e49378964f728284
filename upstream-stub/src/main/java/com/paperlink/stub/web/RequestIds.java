package com.paperlink.stub.web;

import io.micronaut.http.HttpRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id an error names: the gateway's {@code X-Request-Id} when sane, else a fresh one. */
public final class RequestIds {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String of(HttpRequest<?> request) {
        String sent = request == null ? null : request.getHeaders().get("X-Request-Id");
        if (sent != null && SANE.matcher(sent).matches()) {
            return sent;
        }
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
