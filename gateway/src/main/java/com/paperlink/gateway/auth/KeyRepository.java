package com.paperlink.gateway.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Read-only view of the keys table, looked up by the unique token hash index. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface KeyRepository extends GenericRepository<KeyRow, String> {

    Optional<KeyRow> findByTokenHash(String tokenHash);
}
