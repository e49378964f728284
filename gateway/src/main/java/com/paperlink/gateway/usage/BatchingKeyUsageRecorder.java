package com.paperlink.gateway.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyUsageRecorder} that counts in a {@link UsageLedger} and writes every
 * {@code gateway.usage.flush-interval} (default 30 s, so "last used" is never a minute behind), and once more
 * on shutdown. A failed write loses nothing: its counts are kept and added to the next batch, and last uses
 * not yet written are taken again from the tallies.
 */
@Singleton
public class BatchingKeyUsageRecorder implements KeyUsageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingKeyUsageRecorder.class);

    private final UsageLedger ledger;
    private final UsageWriter writer;
    private final Counter written;
    private final Counter requestsWritten;
    private final Counter failures;
    private UsageBatch unwritten = new UsageBatch(); // guarded by this: counts of failed batches

    @Inject
    public BatchingKeyUsageRecorder(UsageWriter writer, @Nullable MeterRegistry registry) {
        this(writer, registry, Clock.systemUTC());
    }

    BatchingKeyUsageRecorder(UsageWriter writer, @Nullable MeterRegistry registry, Clock clock) {
        this.ledger = new UsageLedger(clock);
        this.writer = writer;
        MeterRegistry meters = registry == null ? new CompositeMeterRegistry() : registry;
        this.written = meters.counter("paperlink.usage.last.used.written");
        this.requestsWritten = meters.counter("paperlink.usage.requests.written");
        this.failures = meters.counter("paperlink.usage.last.used.flush.failures");
    }

    @Override
    public KeyTally tally(String keyId, String teamId) {
        return ledger.tally(keyId, teamId);
    }

    @Scheduled(fixedDelay = "${gateway.usage.flush-interval:30s}", initialDelay = "${gateway.usage.flush-interval:30s}")
    public synchronized void flush() {
        UsageBatch batch = ledger.drain();
        unwritten.addCountsTo(batch);
        unwritten = new UsageBatch();
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            batch.addCountsTo(unwritten);
            failures.increment();
            LOG.warn("Could not write usage of {} requests and the last use of {} keys, will retry: {}",
                    batch.requests(), batch.lastUses.size(), e.getMessage());
            return;
        }
        batch.lastUses.forEach(use -> use.tally().written(use.atMillis()));
        written.increment(batch.lastUses.size());
        requestsWritten.increment(batch.requests());
    }

    /** Keys whose last use or counts wait to be written (exposed for tests). */
    public synchronized int pending() {
        UsageBatch drained = ledger.drain(); // the counts move to the unwritten batch: nothing is lost
        drained.addCountsTo(unwritten);
        Set<String> keys = new HashSet<>();
        drained.lastUses.forEach(use -> keys.add(use.tally().keyId()));
        unwritten.hours().forEach(count -> keys.add(count.keyId()));
        return keys.size();
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
