package com.paperlink.keyadmin.purge;

import com.paperlink.keyadmin.usage.UsageStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Deletes usage buckets that started more than {@link UsageStore#RETENTION} (90 days) ago. */
@Singleton
public final class UsagePurge extends RetentionPurge {

    private final UsageStore usage;

    public UsagePurge(UsageStore usage, Clock clock) {
        super("usage buckets started", UsageStore.RETENTION, clock);
        this.usage = usage;
    }

    @Override
    long deleteBefore(Instant cutoff) {
        return usage.deleteBefore(cutoff);
    }
}
