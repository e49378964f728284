package com.paperlink.keyadmin.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paperlink.keyadmin.keys.UserRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One audit entry as JSON: {@code {id, keyId, keyName, action, actor: {id, name}, at, details}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AuditEntry")
public record AuditView(
        long id,
        String keyId,
        String keyName,
        @Schema(type = "string", allowableValues = {"created", "renamed", "updated", "revoked"}) String action,
        UserRef actor,
        Instant at,
        @Nullable @Schema(description = "What changed, in words, e.g. renamed from \"CI\" to \"CI (prod)\"") String details) {

    static AuditView of(AuditRow row) {
        return new AuditView(row.id(), row.keyId(), row.keyName(), row.action(),
                new UserRef(row.actorId(), row.actorName()), row.at(), row.details());
    }
}
