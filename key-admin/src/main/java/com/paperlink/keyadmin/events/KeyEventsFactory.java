package com.paperlink.keyadmin.events;

import com.paperlink.keys.KeyEvents;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** One {@link KeyEventPublisher}: Redis when {@code redis.uri} is set, otherwise a no-op. */
@Factory
final class KeyEventsFactory {

    @Singleton
    @Requires(property = "redis.uri")
    @Bean(preDestroy = "close")
    RedisKeyEventPublisher redisPublisher(@Property(name = "redis.uri") String redisUri,
                                          @Value("${paperlink.key-events.channel:" + KeyEvents.DEFAULT_CHANNEL + "}")
                                          String channel) {
        return new RedisKeyEventPublisher(redisUri, channel);
    }

    @Singleton
    @Requires(missingProperty = "redis.uri")
    KeyEventPublisher noEvents() {
        return KeyEventPublisher.NONE;
    }
}
