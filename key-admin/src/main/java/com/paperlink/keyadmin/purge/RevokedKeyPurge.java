package com.paperlink.keyadmin.purge;

import com.paperlink.keyadmin.keys.ApiKeyRepository;
import com.paperlink.keyadmin.keys.KeyService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes keys revoked more than {@link KeyService#REVOKED_RETENTION} ago. Their audit entries stay.
 * Idempotent and safe on several nodes at once (a plain DELETE by cut-off), so no leader is needed.
 */
@Singleton
public final class RevokedKeyPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedKeyPurge.class);
    private final ApiKeyRepository keys;
    private final Clock clock;

    public RevokedKeyPurge(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${key-admin.purge.interval:1h}", initialDelay = "${key-admin.purge.initial-delay:1m}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            // A database outage must not kill the schedule; the next run catches up.
            LOG.warn("Purge of revoked keys failed; will retry on the next run: {}", e.toString());
        }
    }

    /** Deletes now; returns how many keys were deleted. */
    public long purge() {
        Instant cutoff = clock.instant().minus(KeyService.REVOKED_RETENTION);
        long deleted = keys.deleteRevokedBefore(cutoff);
        if (deleted > 0) {
            LOG.info("Purged {} keys revoked before {}", deleted, cutoff);
        }
        return deleted;
    }
}
