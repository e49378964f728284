package com.paperlink.keyadmin.shutdown;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * key-admin's stop (SIGTERM): Micronaut's {@link GracefulShutdownManager} turns readiness DOWN, closes the
 * listener and idle keep-alive connections, and lets requests in flight finish (their answers say
 * {@code Connection: close}); this waits for that up to {@code key-admin.shutdown.drain-timeout}, then the rest
 * of the shutdown runs (database pool, Redis). What is still open after the timeout is cut and counted in the log.
 */
@Singleton
public final class Drain implements ApplicationEventListener<ShutdownEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final BeanProvider<GracefulShutdownManager> managers;
    private final Duration timeout;

    Drain(BeanProvider<GracefulShutdownManager> managers,
          @Value("${key-admin.shutdown.drain-timeout:30s}") Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("key-admin.shutdown.drain-timeout must not be negative, was " + timeout);
        }
        this.managers = managers;
        this.timeout = timeout;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        long start = System.nanoTime();
        GracefulShutdownManager manager = managers.get();
        LOG.info("Draining: readiness DOWN, listener closed, {} connections and tasks open; waiting up to {} s for requests in flight",
                manager.reportActiveTasks().orElse(0), timeout.toSeconds());
        try {
            manager.shutdownGracefully().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (TimeoutException e) {
            LOG.warn("Drain timeout ({} s) reached: cutting {} connections and tasks still open",
                    timeout.toSeconds(), manager.reportActiveTasks().orElse(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Drain failed: {}", e.getCause().toString());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
