package com.paperlink.keyadmin.audit;

import com.paperlink.keyadmin.security.Caller;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * The team's audit trail of key changes. Written in the same transaction as the change, so an
 * entry exists exactly when the change does.
 */
@Singleton
public final class AuditLog {

    /** The audit endpoint answers at most this many entries, newest first. */
    public static final int MAX_ENTRIES = 500;
    private static final int MAX_DETAILS = 4000;
    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    public void record(String teamId, String keyId, String keyName, AuditAction action, Caller actor, Instant at,
                       @Nullable String details) {
        String shortened = details == null || details.length() <= MAX_DETAILS ? details : details.substring(0, MAX_DETAILS);
        repository.save(new AuditRow(null, teamId, keyId, keyName, action.wire(), actor.id(), actor.name(), at,
                shortened));
    }

    public List<AuditRow> recent(String teamId) {
        return repository.listForTeam(teamId, MAX_ENTRIES);
    }
}
