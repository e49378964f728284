package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code api_key} and {@code team_key_lock}. Written to run on PostgreSQL and on H2 in
 * PostgreSQL mode. Updates touch only their own columns: the gateway writes {@code last_used_*}
 * concurrently and must not be overwritten with stale values.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends GenericRepository<ApiKeyRow, String> {

    ApiKeyRow save(ApiKeyRow row);

    Optional<ApiKeyRow> findByIdAndTeamId(String id, String teamId);

    /** The key a token belongs to (leak reports), by the token's SHA-256. */
    Optional<ApiKeyRow> findByTokenHash(String tokenHash);

    /** The row, locked until the transaction ends, so a PATCH and a revoke cannot interleave. */
    @Query("SELECT * FROM api_key WHERE id = :id AND team_id = :teamId FOR UPDATE")
    Optional<ApiKeyRow> findForUpdate(String id, String teamId);

    /** Active keys and keys revoked after {@code revokedAfter}, newest first. */
    @Query("SELECT * FROM api_key WHERE team_id = :teamId AND (revoked_at IS NULL OR revoked_at > :revokedAfter)"
            + " ORDER BY created_at DESC, id DESC")
    List<ApiKeyRow> listVisible(String teamId, Instant revokedAfter);

    /** Keys that count towards the limit: not revoked and not expired at {@code now}. */
    @Query("SELECT COUNT(*) FROM api_key WHERE team_id = :teamId AND revoked_at IS NULL"
            + " AND (expires_at IS NULL OR expires_at > :now)")
    long countActive(String teamId, Instant now);

    /** Makes sure the team's lock row exists; a concurrent insert of the same row waits, then does nothing. */
    @Query("INSERT INTO team_key_lock (team_id) VALUES (:teamId) ON CONFLICT DO NOTHING")
    void ensureLockRow(String teamId);

    /** Serialises key creation per team for the rest of the transaction, on every node. */
    @Query("SELECT team_id FROM team_key_lock WHERE team_id = :teamId FOR UPDATE")
    Optional<String> lockTeam(String teamId);

    @Query("UPDATE api_key SET name = :name, expires_at = :expiresAt, allowed_ips = :allowedIps, routes = :routes"
            + " WHERE id = :id")
    void updateDetails(String id, String name, @Nullable Instant expiresAt, @Nullable String allowedIps,
                       @Nullable String routes);

    /** {@code null} enables the key, an instant disables it. */
    @Query("UPDATE api_key SET disabled_at = :disabledAt WHERE id = :id")
    void updateDisabledAt(String id, @Nullable Instant disabledAt);

    /** Sets (or with nulls clears) the limit of every unrevoked key spending {@code bucket}: a rolled pair alike. */
    @Query("UPDATE api_key SET rate_limit_requests = :requests, rate_limit_window_seconds = :windowSeconds"
            + " WHERE team_id = :teamId AND COALESCE(rate_limit_bucket, id) = :bucket AND revoked_at IS NULL")
    long updateRateLimit(String teamId, String bucket, @Nullable Integer requests, @Nullable Integer windowSeconds);

    /** Unrevoked keys spending {@code bucket} (a key and the key it was rolled from or to). */
    @Query("SELECT * FROM api_key WHERE team_id = :teamId AND COALESCE(rate_limit_bucket, id) = :bucket"
            + " AND revoked_at IS NULL")
    List<ApiKeyRow> findByBucket(String teamId, String bucket);

    /** The old key of a roll: it works until {@code expiresAt} and points to its successor. */
    @Query("UPDATE api_key SET expires_at = :expiresAt, rolled_to = :rolledTo WHERE id = :id")
    void markRolled(String id, Instant expiresAt, String rolledTo);

    @Query("UPDATE api_key SET revoked_at = :revokedAt, revoked_by_id = :revokedById, revoked_by_name = :revokedByName"
            + " WHERE id = :id AND revoked_at IS NULL")
    long revoke(String id, Instant revokedAt, String revokedById, String revokedByName);

    /** The purge: revoked keys past the retention period. */
    @Query("DELETE FROM api_key WHERE revoked_at IS NOT NULL AND revoked_at < :cutoff")
    long deleteRevokedBefore(Instant cutoff);
}
