package com.paperlink.keys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the deployment environment variables that SPEC.md names ({@code JDBC_URL}, {@code JDBC_USER},
 * {@code JDBC_PASSWORD}, {@code REDIS_URL}, {@code REDIS_CLUSTER_NODES}) onto the Micronaut properties both services read.
 *
 * <p>Done in {@code main} rather than with {@code ${JDBC_URL:default}} placeholders because the
 * embedded H2 default itself contains a placeholder, and because {@code redis.uri} must stay
 * <em>absent</em> (not empty) when no Redis is configured: its mere presence makes micronaut-redis
 * connect at start-up.
 */
public final class RuntimeSettings {

    private RuntimeSettings() {
    }

    /** Properties to add to the application context; empty values are ignored. */
    public static Map<String, Object> fromEnvironment(Map<String, String> env) {
        Map<String, Object> properties = new LinkedHashMap<>();
        put(properties, "datasources.default.url", env.get("JDBC_URL"));
        put(properties, "datasources.default.username", env.get("JDBC_USER"));
        put(properties, "datasources.default.password", env.get("JDBC_PASSWORD"));
        put(properties, RedisTarget.URI_PROPERTY, env.get("REDIS_URL"));
        put(properties, RedisTarget.CLUSTER_NODES_PROPERTY, env.get("REDIS_CLUSTER_NODES"));
        return properties;
    }

    private static void put(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value.trim());
        }
    }
}
