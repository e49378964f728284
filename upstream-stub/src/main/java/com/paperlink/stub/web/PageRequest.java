package com.paperlink.stub.web;

import io.micronaut.core.annotation.Nullable;

/**
 * Which slice of a list the caller asked for, in either style: {@code ?page=&size=} (page from 1)
 * or {@code ?limit=&offset=}. Defaults to the first 20 items; at most 100 per page.
 */
public record PageRequest(int offset, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(@Nullable String page, @Nullable String size,
                                 @Nullable String limit, @Nullable String offset) {
        if ((page != null || size != null) && (limit != null || offset != null)) {
            throw StubException.invalid("page", "use either page/size or limit/offset, not both");
        }
        if (limit != null || offset != null) {
            int pageSize = number("limit", limit, DEFAULT_SIZE, 1, MAX_SIZE);
            return new PageRequest(number("offset", offset, 0, 0, Integer.MAX_VALUE), pageSize);
        }
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        int pageNumber = number("page", page, 1, 1, 1_000_000);
        return new PageRequest((int) Math.min(Integer.MAX_VALUE, (long) (pageNumber - 1) * pageSize), pageSize);
    }

    /** The 1-based page this slice starts on (for an offset that is not a multiple of size: the page it falls in). */
    public int page() {
        return offset / size + 1;
    }

    private static int number(String name, @Nullable String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw StubException.invalid(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw StubException.invalid(name, "must be a whole number");
        }
    }
}
