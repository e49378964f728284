package com.paperlink.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LastUsedBufferTest {

    private static final Instant T1 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant T2 = T1.plusSeconds(5);

    private final LastUsedBuffer buffer = new LastUsedBuffer();

    @Test
    void keepsOnlyTheLatestUsePerKey() {
        buffer.record("key_a", T2, "10.0.0.2");
        buffer.record("key_a", T1, "10.0.0.1");

        assertThat(buffer.drain()).containsExactly(Map.entry("key_a", new LastUsedBuffer.Use(T2, "10.0.0.2")));
    }

    @Test
    void drainEmptiesTheBuffer() {
        buffer.record("key_a", T1, "10.0.0.1");
        buffer.drain();

        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void aRestoredBatchIsWrittenWithTheNextOneAndNeverHidesANewerUse() {
        buffer.record("key_a", T1, "10.0.0.1");
        Map<String, LastUsedBuffer.Use> failed = buffer.drain();
        buffer.record("key_a", T2, "10.0.0.2");
        buffer.record("key_b", T1, "10.0.0.3");

        buffer.restore(failed);

        assertThat(buffer.drain()).containsOnly(Map.entry("key_a", new LastUsedBuffer.Use(T2, "10.0.0.2")),
                Map.entry("key_b", new LastUsedBuffer.Use(T1, "10.0.0.3")));
    }
}
