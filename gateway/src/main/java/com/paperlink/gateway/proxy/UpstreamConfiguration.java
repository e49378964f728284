package com.paperlink.gateway.proxy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gateway.upstream.*}: how the gateway talks to upstream services. Checked at start-up.
 *
 * @param connectTimeout  an upstream that does not accept the connection in time is unavailable (502)
 * @param readTimeout     an upstream that does not answer in time is too slow (504)
 * @param uploadTimeout   the same for requests with a body: the client's HTTP timer runs from the first
 *                        byte sent, so it must cover the whole upload (1 GB at 10 MB/s is 100 s)
 * @param maxConnections  keep-alive pool size per upstream host
 */
@Context
@ConfigurationProperties("gateway.upstream")
public record UpstreamConfiguration(
        @Bindable(defaultValue = "2s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration readTimeout,
        @Bindable(defaultValue = "10m") Duration uploadTimeout,
        @Bindable(defaultValue = "256") int maxConnections) {

    public UpstreamConfiguration {
        check(connectTimeout, "connect-timeout", Duration.ofMinutes(1));
        check(readTimeout, "read-timeout", Duration.ofHours(1));
        check(uploadTimeout, "upload-timeout", Duration.ofHours(24));
        if (maxConnections < 1 || maxConnections > 100_000) {
            throw new ConfigurationException("Invalid configuration: gateway.upstream.max-connections must be "
                    + "between 1 and 100000, was " + maxConnections);
        }
    }

    private static void check(Duration value, String key, Duration max) {
        if (value == null || value.toMillis() < 1 || value.compareTo(max) > 0) {
            throw new ConfigurationException("Invalid configuration: gateway.upstream." + key + " must be between 1ms and "
                    + max.toString().substring(2).toLowerCase() + ", was " + value);
        }
    }
}
