package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlidingWindowLogTest {

    // 2024-01-01T00:00:00Z in microseconds: whole seconds make the expected reset values readable.
    private static final long T0 = 1_704_067_200L * 1_000_000L;
    private static final long SECOND = 1_000_000L;

    private final SlidingWindowLog log = new SlidingWindowLog();

    @ParameterizedTest(name = "limit {0}, window {1}s, requests at {2} ms -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 10 | 0 0                           | AR
            1 | 10 | 0 9999 10000                   | ARA
            3 | 10 | 0 1 2 3                        | AAAR
            3 | 10 | 0 1 2 3 9999 10000 10001 10002 | AAARRAAA
            3 | 10 | 0 5000 9000 9500 10000 15000   | AAARAA
            2 |  1 | 0 999 1000 1998 1999           | AAARA
            5 | 60 | 0 0 0 0 0 0 0                 | AAAAARR
            """)
    void shouldAcceptExactlyTheRequestsThatFitIntoEveryWindow(int limit, int windowSeconds, String offsetsMs,
                                                               String expected) {
        StringBuilder actual = new StringBuilder();
        for (String offset : offsetsMs.trim().split(" +")) {
            long now = T0 + Long.parseLong(offset) * 1_000;
            actual.append(log.acquire(now, limit, windowSeconds * SECOND).allowed() ? 'A' : 'R');
        }
        assertThat(actual.toString()).isEqualTo(expected);
    }

    @Test
    void shouldCountRequestAgainUntilTheMicrosecondItLeavesTheWindow() {
        log.acquire(T0, 1, 10 * SECOND);

        assertThat(log.acquire(T0 + 10 * SECOND - 1, 1, 10 * SECOND).allowed()).isFalse();
        assertThat(log.acquire(T0 + 10 * SECOND, 1, 10 * SECOND).allowed()).isTrue();
    }

    @Test
    void shouldNotCountRejectedRequests() {
        long window = 10 * SECOND;
        log.acquire(T0, 2, window);
        log.acquire(T0 + 5 * SECOND, 2, window);
        for (int i = 0; i < 100; i++) {
            log.acquire(T0 + 6 * SECOND, 2, window);
        }

        assertThat(log.size()).isEqualTo(2);
        // Were rejections counted, the window would stay full until 16 s.
        assertThat(log.acquire(T0 + 10 * SECOND, 2, window).allowed()).isTrue();
    }

    @ParameterizedTest(name = "limit {0}: request {1} ms after {2} earlier ones -> remaining {4}, reset +{5}s, retry {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # limit | now ms | earlier requests at ms | allowed | remaining | reset s after T0 | retry s
            3       | 0      |                        | true    | 2         | 10               | 0
            3       | 2500   | 0 1000                 | true    | 0         | 10               | 0
            3       | 2500   | 0 1000 2000            | false   | 0         | 10               | 8
            3       | 9999   | 0 1000 2000            | false   | 0         | 10               | 1
            3       | 10000  | 500 1000 2000          | false   | 0         | 11               | 1
            3       | 10400  | 400 1000 2000          | true    | 0         | 11               | 0
            3       | 4200   | 300 1000 2000          | false   | 0         | 11               | 7
            """)
    void shouldReportRemainingResetAndRetryAfterRoundedUpToWholeSeconds(int limit, long nowMs, String earlierMs,
                                                                       boolean allowed, int remaining,
                                                                       long resetAfterT0, long retryAfter) {
        long window = 10 * SECOND;
        for (long at : millis(earlierMs)) {
            assertThat(log.acquire(T0 + at * 1_000, limit, window).allowed()).isTrue();
        }

        RateLimitDecision decision = log.acquire(T0 + nowMs * 1_000, limit, window);

        assertThat(decision).isEqualTo(new RateLimitDecision(allowed, limit, remaining,
                T0 / SECOND + resetAfterT0, retryAfter));
    }

    @Test
    void shouldWaitForEnoughRequestsToLeaveWhenTheLimitWasLowered() {
        long window = 10 * SECOND;
        for (int i = 0; i < 5; i++) {
            log.acquire(T0 + i * SECOND, 5, window);
        }

        RateLimitDecision decision = log.acquire(T0 + 5 * SECOND, 2, window);

        // Entries at 0..4 s; below 2 only once 0, 1, 2 and 3 s have left, i.e. at 13 s.
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfterSeconds()).isEqualTo(8);
        assertThat(decision.resetEpochSeconds()).isEqualTo(T0 / SECOND + 13);
    }

    @Test
    void shouldKeepEveryRequestWhenTheLimitGrowsBeyondTheInitialBuffer() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(log.acquire(T0 + i, 1_000, 60 * SECOND).allowed()).isTrue();
        }

        assertThat(log.acquire(T0 + 1_000, 1_000, 60 * SECOND).allowed()).isFalse();
        assertThat(log.size()).isEqualTo(1_000);
    }

    @Test
    void shouldStayExactWhenTheClockStepsBack() {
        long window = 10 * SECOND;
        log.acquire(T0 + 5 * SECOND, 2, window);
        log.acquire(T0, 2, window);

        // Both count until 15 s: the step back must not make the second one leave earlier.
        assertThat(log.acquire(T0 + 14 * SECOND, 2, window).allowed()).isFalse();
        assertThat(log.acquire(T0 + 15 * SECOND, 2, window).allowed()).isTrue();
    }

    private static List<Long> millis(String spaced) {
        List<Long> result = new ArrayList<>();
        if (spaced != null && !spaced.isBlank()) {
            Arrays.stream(spaced.trim().split(" +")).map(Long::parseLong).forEach(result::add);
        }
        return result;
    }
}
