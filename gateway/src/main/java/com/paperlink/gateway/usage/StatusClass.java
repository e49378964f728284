package com.paperlink.gateway.usage;

/**
 * The status classes usage is counted in. Answers below 400 (1xx, 2xx and 3xx: the request was served)
 * count as {@code 2xx}; 429 (the rate limit) has a class of its own and is not in {@code 4xx}; everything
 * from 500 on is {@code 5xx}.
 */
public enum StatusClass {
    SUCCESS("2xx"), CLIENT_ERROR("4xx"), RATE_LIMITED("429"), SERVER_ERROR("5xx");

    private static final StatusClass[] VALUES = values();
    private final String wire;

    StatusClass(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static StatusClass of(int status) {
        return VALUES[index(status)];
    }

    /** The class's index into a per-class counter array; no allocation, no branch on strings. */
    static int index(int status) {
        if (status < 400) {
            return 0;
        }
        if (status < 500) {
            return status == 429 ? 2 : 1;
        }
        return 3;
    }
}
