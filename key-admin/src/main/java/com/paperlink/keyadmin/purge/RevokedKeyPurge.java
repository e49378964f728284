package com.paperlink.keyadmin.purge;

import com.paperlink.keyadmin.keys.ApiKeyRepository;
import com.paperlink.keyadmin.keys.KeyService;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Deletes keys revoked more than {@link KeyService#REVOKED_RETENTION} ago. Their audit entries stay. */
@Singleton
public final class RevokedKeyPurge extends RetentionPurge {

    private final ApiKeyRepository keys;

    public RevokedKeyPurge(ApiKeyRepository keys, Clock clock) {
        super("keys revoked", KeyService.REVOKED_RETENTION, clock);
        this.keys = keys;
    }

    @Override
    long deleteBefore(Instant cutoff) {
        return keys.deleteRevokedBefore(cutoff);
    }
}
