package com.paperlink.gateway.pipeline;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.netty.channel.EpollAvailabilityCondition;
import io.micronaut.http.netty.channel.EpollEventLoopGroupFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.IntSupplier;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The epoll event loops, each polling briefly before it blocks. A request makes its loop wait three times (for
 * the client, Redis, the upstream); a loop asleep in {@code epoll_wait} must be woken for each answer, and on
 * a virtual machine's idle CPU that wake-up costs tens of microseconds of latency and CPU. So when a loop runs
 * out of work it keeps polling ({@code epoll_wait} with a zero timeout) for up to {@code gateway.event-loop.spin}
 * before it sleeps, but only while its recent idle gaps were short enough for that to pay: a loop whose answers
 * come later than the spin (a slow upstream, a quiet night) stops spinning by itself and spends no CPU on it.
 * {@code gateway.event-loop.spin: 0s} turns it off. Elsewhere than Linux the JDK's NIO loops are used as they are.
 */
@Singleton
@Named(EpollEventLoopGroupFactory.NAME) // the name Micronaut picks the epoll transport by
@Replaces(EpollEventLoopGroupFactory.class)
@Requires(classes = EpollIoHandler.class, condition = EpollAvailabilityCondition.class)
final class SpinBeforeBlocking extends EpollEventLoopGroupFactory {

    private final long spinNanos;

    SpinBeforeBlocking(@Property(name = "gateway.event-loop.spin", defaultValue = "200us") Duration spin) {
        this.spinNanos = spin.toNanos();
    }

    @Override
    public IoHandlerFactory createIoHandlerFactory() {
        return spinNanos <= 0 ? super.createIoHandlerFactory()
                : EpollIoHandler.newFactory(0, () -> new Strategy(spinNanos, System::nanoTime));
    }

    /**
     * One per loop (each handler asks the factory for its own), so its state is the loop's. Credit grows by one for
     * each idle gap that ended within the spin and falls by three for each that did not: the loop spins only while
     * at least three in four of its waits are short.
     */
    static final class Strategy implements SelectStrategy {
        static final int MAX_CREDIT = 32;

        private final long spinNanos;
        private final LongSupplier clock;
        private long idleSince = -1;
        private boolean blocked;
        private int credit;

        Strategy(long spinNanos, LongSupplier clock) {
            this.spinNanos = spinNanos;
            this.clock = clock;
        }

        @Override
        public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
            long now = clock.getAsLong();
            if (blocked) { // back from epoll_wait: what it returned for has just been handled
                blocked = false;
                learn(now - idleSince);
                idleSince = -1;
            }
            int ready = selectNow.get();
            if (ready > 0 || hasTasks) {
                if (idleSince >= 0) {
                    learn(now - idleSince);
                    idleSince = -1;
                }
                return ready;
            }
            if (idleSince < 0) {
                idleSince = now;
            }
            if (credit > 0 && now - idleSince < spinNanos) {
                return SelectStrategy.CONTINUE;
            }
            blocked = true;
            return SelectStrategy.SELECT;
        }

        private void learn(long gapNanos) {
            credit = gapNanos <= spinNanos ? Math.min(MAX_CREDIT, credit + 1) : Math.max(0, credit - 3);
        }

        int credit() {
            return credit;
        }
    }
}
