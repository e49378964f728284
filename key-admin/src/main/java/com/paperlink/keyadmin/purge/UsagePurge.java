package com.paperlink.keyadmin.purge;

import com.paperlink.keyadmin.usage.UsageStore;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage buckets that started more than {@link UsageStore#RETENTION} (90 days) ago. A plain DELETE by
 * cut-off: idempotent and safe on several nodes at once, like {@link RevokedKeyPurge}.
 */
@Singleton
public final class UsagePurge {

    private static final Logger LOG = LoggerFactory.getLogger(UsagePurge.class);
    private final UsageStore usage;
    private final Clock clock;

    public UsagePurge(UsageStore usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${key-admin.purge.interval:1h}", initialDelay = "${key-admin.purge.initial-delay:1m}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("Purge of old usage failed; will retry on the next run: {}", e.toString());
        }
    }

    /** Deletes now; returns how many buckets were deleted. */
    public long purge() {
        Instant cutoff = clock.instant().minus(UsageStore.RETENTION);
        long deleted = usage.deleteBefore(cutoff);
        if (deleted > 0) {
            LOG.info("Purged {} usage buckets older than {}", deleted, cutoff);
        }
        return deleted;
    }
}
