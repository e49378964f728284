package com.paperlink.gateway.pipeline;

import io.micronaut.http.HttpRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: a client's sane id is kept, anything else is replaced by a fresh one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    /** The client's id when it is 1–128 characters of {@code [A-Za-z0-9._-]}, else a new random one. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && SANE.matcher(candidate).matches()) {
            return candidate;
        }
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The id given to this request by the request-context filter (or a fresh one, for requests it never saw). */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(PipelineAttributes.REQUEST_ID, String.class).orElseGet(() -> {
            String id = acceptOrCreate(request.getHeaders().get(HEADER));
            request.setAttribute(PipelineAttributes.REQUEST_ID, id);
            return id;
        });
    }
}
