package com.paperlink.keyadmin.purge;

import io.micronaut.scheduling.annotation.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than a retention, on a schedule ({@code key-admin.purge.interval}, 1 h): a plain DELETE
 * by cut-off, idempotent and safe on several nodes at once, so no leader is needed. A failed run (a database
 * outage) is logged and the next run catches up.
 */
abstract class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    private final String what;
    private final Duration retention;
    private final Clock clock;

    /** @param what what is deleted, for the log ("keys revoked", "usage buckets started") */
    RetentionPurge(String what, Duration retention, Clock clock) {
        this.what = what;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes what started (or ended) before {@code cutoff}; returns how many rows. */
    abstract long deleteBefore(Instant cutoff);

    @Scheduled(fixedDelay = "${key-admin.purge.interval:1h}", initialDelay = "${key-admin.purge.initial-delay:1m}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("Purge of {} more than {} ago failed; will retry on the next run: {}", what, retention, e.toString());
        }
    }

    /** Deletes now; returns how many rows were deleted. */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = deleteBefore(cutoff);
        if (deleted > 0) {
            LOG.info("Purged {}: {} before {}", deleted, what, cutoff);
        }
        return deleted;
    }
}
