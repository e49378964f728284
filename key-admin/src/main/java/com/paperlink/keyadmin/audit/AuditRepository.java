package com.paperlink.keyadmin.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRepository extends GenericRepository<AuditRow, Long> {

    AuditRow save(AuditRow row);

    /** Newest first; the id breaks ties between entries written in the same millisecond. */
    @Query("SELECT * FROM key_audit WHERE team_id = :teamId ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditRow> listForTeam(String teamId, int limit);
}
