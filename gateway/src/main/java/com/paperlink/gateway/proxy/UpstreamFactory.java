package com.paperlink.gateway.proxy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The one pool of upstream connections (kept per event loop inside). */
@Factory
final class UpstreamFactory {

    @Singleton
    UpstreamPool upstreamPool(UpstreamConfiguration config, MeterRegistry registry) {
        UpstreamPool pool = new UpstreamPool(config);
        Gauge.builder("gateway.upstream.connections.open", pool, UpstreamPool::openConnections)
                .description("Upstream connections open, busy or idle in the per-loop pools").register(registry);
        FunctionCounter.builder("gateway.upstream.connections.opened", pool, UpstreamPool::openedConnections)
                .description("Upstream connections opened since start").register(registry);
        return pool;
    }
}
