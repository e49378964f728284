package com.paperlink.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class SpinBeforeBlockingTest {

    private static final long SPIN = 50_000;

    private long now;
    private int ready;
    private final SpinBeforeBlocking.Strategy strategy = new SpinBeforeBlocking.Strategy(SPIN, () -> now);

    private int turn() throws Exception {
        return strategy.calculateStrategy(() -> ready, false);
    }

    /** The loop runs out of work, and its next event arrives {@code gapNanos} later (seen while spinning or after a block). */
    private void idleGap(long gapNanos) throws Exception {
        ready = 0;
        int decision = turn();
        now += gapNanos;
        if (decision == SelectStrategy.SELECT) {
            turn(); // the blocking epoll_wait returned and its events were handled
        } else {
            ready = 1;
            assertThat(turn()).isEqualTo(1);
        }
    }

    @Test
    void blocksAtOnceUntilShortGapsHaveBeenSeen() throws Exception {
        ready = 0;

        assertThat(turn()).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void afterShortGapsItPollsForTheSpinThenBlocks() throws Exception {
        for (int i = 0; i < 4; i++) {
            idleGap(20_000);
        }
        ready = 0;

        assertThat(turn()).isEqualTo(SelectStrategy.CONTINUE);
        now += SPIN - 1;
        assertThat(turn()).isEqualTo(SelectStrategy.CONTINUE);
        now += 1;
        assertThat(turn()).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void workFoundWhilePollingIsHandedOn() throws Exception {
        idleGap(10_000);
        ready = 0;
        turn();
        now += 5_000;
        ready = 3;

        assertThat(turn()).isEqualTo(3);
    }

    @Test
    void longGapsStopTheSpinning() throws Exception {
        for (int i = 0; i < 6; i++) {
            idleGap(20_000);
        }
        assertThat(strategy.credit()).isEqualTo(6);
        idleGap(5_000_000);
        idleGap(5_000_000);
        assertThat(strategy.credit()).isZero();
        idleGap(20_000); // one short gap among long ones earns too little to keep spinning
        idleGap(5_000_000);

        ready = 0;
        assertThat(turn()).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void pendingTasksAreWork() throws Exception {
        idleGap(20_000);
        ready = 0;
        turn();
        now += 1_000;

        assertThat(strategy.calculateStrategy(() -> 0, true)).isZero();
        assertThat(strategy.credit()).isEqualTo(2);
    }

    @Test
    void creditIsBounded() throws Exception {
        for (int i = 0; i < 100; i++) {
            idleGap(1_000);
        }

        assertThat(strategy.credit()).isEqualTo(SpinBeforeBlocking.Strategy.MAX_CREDIT);
    }
}
