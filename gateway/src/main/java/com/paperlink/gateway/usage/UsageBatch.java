package com.paperlink.gateway.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one flush writes: the latest use of each key, and answers counted per key, hour and status class
 * (counts for the same key and hour add up, so a batch that failed merges into the next one). Daily rows are
 * the same counts summed per UTC day. Used by the flushing thread only.
 */
public final class UsageBatch {

    /** A key's latest use, as its tally saw it when drained. */
    record LastUse(KeyTally tally, long atMillis, String clientIp) {
        Instant at() {
            return Instant.ofEpochMilli(atMillis);
        }
    }

    /** Answers of one key in one bucket, per {@link StatusClass} (index order). */
    public record Count(String keyId, String teamId, long startMillis, long[] counts) {
        long total() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        }
    }

    private record BucketKey(String keyId, long startMillis) {
    }

    final List<LastUse> lastUses = new ArrayList<>();
    private final Map<BucketKey, Count> hours = new LinkedHashMap<>();

    void add(Count count) {
        hours.merge(new BucketKey(count.keyId(), count.startMillis()), count, UsageBatch::sum);
    }

    /** Keeps this batch's counts in {@code other} (a failed batch, for the next try). */
    void addCountsTo(UsageBatch other) {
        hours.values().forEach(other::add);
    }

    public Collection<Count> hours() {
        return hours.values();
    }

    /** The hourly counts summed per key and UTC day. */
    public Collection<Count> days() {
        Map<BucketKey, Count> days = new LinkedHashMap<>();
        for (Count hour : hours.values()) {
            long day = Instant.ofEpochMilli(hour.startMillis()).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .toInstant().toEpochMilli();
            days.merge(new BucketKey(hour.keyId(), day), new Count(hour.keyId(), hour.teamId(), day, hour.counts()),
                    UsageBatch::sum);
        }
        return days.values();
    }

    public long requests() {
        return hours.values().stream().mapToLong(Count::total).sum();
    }

    boolean hasCounts() {
        return !hours.isEmpty();
    }

    boolean isEmpty() {
        return hours.isEmpty() && lastUses.isEmpty();
    }

    private static Count sum(Count a, Count b) {
        long[] counts = new long[a.counts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = a.counts()[i] + b.counts()[i];
        }
        return new Count(a.keyId(), a.teamId(), a.startMillis(), counts);
    }
}
