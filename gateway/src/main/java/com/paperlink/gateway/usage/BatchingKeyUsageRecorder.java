package com.paperlink.gateway.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyUsageRecorder} that keeps uses in a {@link LastUsedBuffer} and writes them every
 * {@code gateway.usage.flush-interval} (default 30 s, so "last used" is never a minute behind), and
 * once more on shutdown. A failed write is retried with the next flush.
 */
@Singleton
public class BatchingKeyUsageRecorder implements KeyUsageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingKeyUsageRecorder.class);

    private final LastUsedBuffer buffer = new LastUsedBuffer();
    private final LastUsedWriter writer;
    private final Clock clock = Clock.systemUTC();
    private final Counter written;
    private final Counter failures;

    public BatchingKeyUsageRecorder(LastUsedWriter writer, @Nullable MeterRegistry registry) {
        this.writer = writer;
        MeterRegistry meters = registry == null ? new CompositeMeterRegistry() : registry;
        this.written = meters.counter("paperlink.usage.last.used.written");
        this.failures = meters.counter("paperlink.usage.last.used.flush.failures");
    }

    @Override
    public void recordUse(String keyId, InetAddress clientAddress) {
        buffer.record(keyId, clock.instant(), clientAddress == null ? null : clientAddress.getHostAddress());
    }

    @Scheduled(fixedDelay = "${gateway.usage.flush-interval:30s}", initialDelay = "${gateway.usage.flush-interval:30s}")
    public void flush() {
        Map<String, LastUsedBuffer.Use> batch = buffer.drain();
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.write(batch);
            written.increment(batch.size());
        } catch (RuntimeException e) {
            buffer.restore(batch);
            failures.increment();
            LOG.warn("Could not write last use of {} keys, will retry: {}", batch.size(), e.getMessage());
        }
    }

    /** Uses waiting to be written (exposed for tests and metrics). */
    public int pending() {
        return buffer.size();
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
