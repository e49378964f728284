package com.paperlink.keyadmin.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of {@code key_audit}. Kept after the key itself is purged (it carries the key's name). */
@MappedEntity("key_audit")
public record AuditRow(
        @Id @GeneratedValue @Nullable Long id,
        String teamId,
        String keyId,
        String keyName,
        String action,
        String actorId,
        String actorName,
        Instant at,
        @Nullable String details) {
}
