package com.paperlink.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:59:58Z");
    private final MutableClock clock = new MutableClock(T0);
    private final UsageLedger ledger = new UsageLedger(clock);

    @Test
    void countsAnswersPerKeyAndHourByStatusClass() {
        KeyTally a = ledger.tally("key_a", "team_1");
        a.answered(200);
        a.answered(304);
        a.answered(404);
        a.answered(429);
        a.answered(502);
        ledger.tally("key_b", "team_1").answered(201);

        UsageBatch batch = ledger.drain();

        assertThat(counts(batch, "key_a")).containsExactly(hour(T0), 2L, 1L, 1L, 1L);
        assertThat(counts(batch, "key_b")).containsExactly(hour(T0), 1L, 0L, 0L, 0L);
        assertThat(batch.requests()).isEqualTo(6);
    }

    @Test
    void anAnswerAfterTheHourTurnsGoesToTheNextHourAndTheDayAddsBoth() {
        KeyTally a = ledger.tally("key_a", "team_1");
        a.answered(200);
        clock.advance(Duration.ofSeconds(3)); // 13:00:01
        a.answered(200);
        a.answered(500);

        UsageBatch batch = ledger.drain();

        assertThat(batch.hours()).extracting(UsageBatch.Count::startMillis)
                .containsExactlyInAnyOrder(hour(T0), hour(T0) + 3_600_000L);
        assertThat(batch.days()).singleElement().satisfies(day -> {
            assertThat(day.startMillis()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z").toEpochMilli());
            assertThat(day.counts()).containsExactly(2, 0, 0, 1);
        });
    }

    @Test
    void aDrainTakesEachCountOnce() {
        ledger.tally("key_a", "team_1").answered(200);
        assertThat(ledger.drain().requests()).isEqualTo(1);
        assertThat(ledger.drain().isEmpty()).isTrue();
        ledger.tally("key_a", "team_1").answered(200);
        assertThat(ledger.drain().requests()).isEqualTo(1);
    }

    @Test
    void lastUseIsDrainedUntilItIsWrittenAndThenNotAgain() throws Exception {
        KeyTally a = ledger.tally("key_a", "team_1");
        a.used(InetAddress.getByName("203.0.113.9"));

        UsageBatch failed = ledger.drain();
        assertThat(failed.lastUses).singleElement().satisfies(use -> assertThat(use.clientIp()).isEqualTo("203.0.113.9"));
        UsageBatch retried = ledger.drain();
        assertThat(retried.lastUses).hasSize(1);
        retried.lastUses.forEach(use -> use.tally().written(use.atMillis()));

        assertThat(ledger.drain().lastUses).isEmpty();
        clock.advance(Duration.ofMillis(5));
        a.used(InetAddress.getByName("2001:db8::7"));
        assertThat(ledger.drain().lastUses).singleElement()
                .satisfies(use -> assertThat(use.clientIp()).isEqualTo("2001:db8:0:0:0:0:0:7"));
    }

    @Test
    void aKeyIdleForADayIsForgottenButNotWhileItHasSomethingToWrite() throws Exception {
        KeyTally a = ledger.tally("key_a", "team_1");
        a.used(InetAddress.getByName("203.0.113.9"));
        clock.advance(Duration.ofDays(2));
        ledger.drain(); // the last use is still unwritten: kept
        assertThat(ledger.size()).isEqualTo(1);

        ledger.drain(); // not marked written (the write failed): still kept
        assertThat(ledger.size()).isEqualTo(1);
        a.written(Long.MAX_VALUE);
        ledger.drain();
        assertThat(ledger.size()).as("idle once: kept for one more drain").isEqualTo(1);
        ledger.drain();
        assertThat(ledger.size()).isZero();
    }

    @Test
    void noCountIsLostWhileDrainsRunConcurrentlyWithEventLoops() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        KeyTally a = ledger.tally("key_a", "team_1");
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    a.answered(200);
                }
                done.countDown();
            }).start();
        }
        long drained = 0;
        while (done.getCount() > 0) {
            drained += ledger.drain().requests();
        }
        drained += ledger.drain().requests();

        assertThat(drained).isEqualTo((long) threads * perThread);
    }

    private static long hour(Instant at) {
        return KeyTally.hourOf(at.toEpochMilli());
    }

    private static List<Long> counts(UsageBatch batch, String keyId) {
        UsageBatch.Count count = batch.hours().stream().filter(c -> c.keyId().equals(keyId)).findFirst().orElseThrow();
        List<Long> values = new ArrayList<>();
        values.add(count.startMillis());
        for (long c : count.counts()) {
            values.add(c);
        }
        return values;
    }
}
