package com.paperlink.gateway.redis;

import com.paperlink.keys.RedisTarget;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Optional;

/**
 * Where Redis is: {@code redis.uri} (env {@code REDIS_URL}: standalone or {@code redis-sentinel://…#master}) or
 * {@code paperlink.redis.cluster-nodes} (env {@code REDIS_CLUSTER_NODES}). As a {@link Condition}, it enables the
 * beans that use Redis (the global limiter, the key-event subscriber) when either is set.
 */
public final class RedisSettings implements Condition {

    /** Either setting present; a malformed one still matches, so the bean's creation reports it and start-up stops. */
    @Override
    public boolean matches(ConditionContext context) {
        return isSet(context, RedisTarget.URI_PROPERTY) || isSet(context, RedisTarget.CLUSTER_NODES_PROPERTY);
    }

    private static boolean isSet(ConditionContext<?> context, String property) {
        return context.getProperty(property, String.class).filter(value -> !value.isBlank()).isPresent();
    }

    /** The target, or empty when neither is set; a malformed setting stops start-up naming it. */
    public static Optional<RedisTarget> read(String redisUri, String clusterNodes) {
        try {
            return RedisTarget.of(redisUri, clusterNodes);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: " + e.getMessage());
        }
    }
}
