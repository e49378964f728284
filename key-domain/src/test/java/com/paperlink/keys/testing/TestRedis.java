package com.paperlink.keys.testing;

import java.util.UUID;

/** The machine's Redis (127.0.0.1:6379, env {@code TEST_REDIS_URL}) and a key prefix private to one test class. */
public final class TestRedis {

    public static final String URL = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private TestRedis() {
    }

    /** A unique prefix such as {@code pltest:gatewayit:1a2b3c4d:} for keys and channels of one test class. */
    public static String uniquePrefix(String label) {
        return "pltest:" + label.toLowerCase().replaceAll("[^a-z0-9]", "") + ":"
                + UUID.randomUUID().toString().substring(0, 8) + ":";
    }
}
