package com.paperlink.keyadmin.events;

import com.paperlink.keys.KeyEvents;
import com.paperlink.keys.RedisTarget;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * One {@link KeyEventPublisher}: Redis when {@code redis.uri} (standalone or Sentinel) or
 * {@code paperlink.redis.cluster-nodes} (Redis Cluster) is set, otherwise a no-op. A malformed setting stops
 * start-up with a message naming it.
 */
@Factory
final class KeyEventsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KeyEventPublisher publisher(@Nullable @Property(name = RedisTarget.URI_PROPERTY) String redisUri,
                                @Nullable @Property(name = RedisTarget.CLUSTER_NODES_PROPERTY) String clusterNodes,
                                @Value("${paperlink.key-events.channel:" + KeyEvents.DEFAULT_CHANNEL + "}")
                                String channel) {
        RedisTarget target;
        try {
            target = RedisTarget.of(redisUri, clusterNodes).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: " + e.getMessage());
        }
        return target == null ? KeyEventPublisher.NONE : new RedisKeyEventPublisher(target, channel);
    }
}
