package com.paperlink.gateway.shutdown;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's stop (SIGTERM): readiness DOWN, the listener closed, requests in flight finished, then the
 * rest of the shutdown (buffers flushed by their beans' {@code @PreDestroy}, connections and pools closed).
 *
 * <p>Micronaut's {@link GracefulShutdownManager} does the framework's part: its readiness indicator turns DOWN,
 * each listener stops accepting, idle keep-alive connections are closed and busy ones close after their answer
 * (which says {@code Connection: close}); HTTP/2 connections get a GOAWAY. The public API's requests never reach
 * Micronaut's handler, so the pipeline's connection handler holds a connection open while its own request is in
 * flight ({@link #holdingOpen()}), and holds an idle HTTP/1.1 connection for {@code gateway.shutdown.idle-close-delay}
 * ({@link #idleCloseDelay()}): a load balancer may have sent a request on it just as the drain began, and closing
 * the connection under that request would lose it (a POST is not retried); a request that arrives is answered with
 * {@code Connection: close}. What is still open after {@code gateway.shutdown.drain-timeout} is cut when the
 * event loops stop, and counted here in the log.
 */
@Singleton
public final class Drain implements ApplicationEventListener<ShutdownEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final BeanProvider<GracefulShutdownManager> managers;
    private final Duration timeout;
    private final Duration idleCloseDelay;
    private final AtomicInteger heldOpen = new AtomicInteger();
    private volatile boolean draining;

    // A provider: the manager holds every GracefulShutdownCapable, the HTTP server among them, whose customizer
    // (the pipeline's installer) needs this bean first.
    Drain(BeanProvider<GracefulShutdownManager> managers, @Value("${gateway.shutdown.drain-timeout:30s}") Duration timeout,
          @Value("${gateway.shutdown.idle-close-delay:1s}") Duration idleCloseDelay) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("gateway.shutdown.drain-timeout must not be negative, was " + timeout);
        }
        if (idleCloseDelay.isNegative()) {
            throw new IllegalArgumentException("gateway.shutdown.idle-close-delay must not be negative, was " + idleCloseDelay);
        }
        this.managers = managers;
        this.timeout = timeout;
        this.idleCloseDelay = idleCloseDelay.compareTo(timeout) < 0 ? idleCloseDelay : timeout; // no longer than the drain
    }

    /** Whether the stop has begun: connections close once their request in flight is answered. */
    public boolean draining() {
        return draining;
    }

    /** How long a keep-alive connection idle at the start of the drain stays open for a request already on its way. */
    public Duration idleCloseDelay() {
        return idleCloseDelay;
    }

    /** A connection stays open past the start of the drain for an API request in flight. */
    public void holdingOpen() {
        heldOpen.incrementAndGet();
    }

    /** A connection held open for the drain has closed. */
    public void released() {
        heldOpen.decrementAndGet();
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        long start = System.nanoTime();
        draining = true;
        GracefulShutdownManager manager = managers.get();
        LOG.info("Draining: readiness DOWN, listener closed, {} connections and tasks open; waiting up to {} s for requests in flight",
                manager.reportActiveTasks().orElse(0), timeout.toSeconds());
        try {
            manager.shutdownGracefully().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (TimeoutException e) {
            LOG.warn("Drain timeout ({} s) reached: cutting {} connections and tasks still open, {} of them with an API request in flight",
                    timeout.toSeconds(), manager.reportActiveTasks().orElse(0), heldOpen.get());
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
