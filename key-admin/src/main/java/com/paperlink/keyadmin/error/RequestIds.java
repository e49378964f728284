package com.paperlink.keyadmin.error;

import io.micronaut.http.HttpRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id every error body carries: the client's {@code X-Request-Id} when it is sane (so a
 * caller can correlate), otherwise a fresh UUID; computed once per request.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "paperlink.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String sent = request.getHeaders().get(HEADER);
            String id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
