package com.paperlink.gateway.error;

import io.micronaut.http.HttpRequest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** {@code X-Request-Id}: a client's sane id is kept, anything else is replaced by a fresh one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "paperlink.request-id";
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    /** The client's id when it is 1–128 characters of {@code [A-Za-z0-9._-]}, else a new random one. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && isSane(candidate)) {
            return candidate;
        }
        // 128 random bits, hex: unique enough to correlate logs, cheaper than UUID's SecureRandom.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    private static boolean isSane(String candidate) {
        int length = candidate.length();
        if (length < 1 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The id given to this (Micronaut-served) request, or a fresh one for requests the filter never saw. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = acceptOrCreate(request.getHeaders().get(HEADER));
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
