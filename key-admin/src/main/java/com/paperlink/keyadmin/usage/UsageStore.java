package com.paperlink.keyadmin.usage;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code key_usage} (written by the gateways, key-domain's V3 migration) and deletes what is past retention.
 * Plain SQL that runs on PostgreSQL and on H2 in PostgreSQL mode.
 */
@Singleton
public final class UsageStore {

    /** Usage buckets are kept this long, then {@code UsagePurge} deletes them. */
    public static final Duration RETENTION = Duration.ofDays(90);

    private static final String SUMS = "SELECT bucket_start, SUM(status_2xx), SUM(status_4xx), SUM(status_429), "
            + "SUM(status_5xx) FROM key_usage WHERE %s = ? AND granularity = ? AND bucket_start >= ? "
            + "AND bucket_start < ? GROUP BY bucket_start";

    private final TransactionOperations<Connection> transactions;

    UsageStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public UsageView forKey(String keyId, UsageRange range) {
        return query("key_id", keyId, range);
    }

    public UsageView forTeam(String teamId, UsageRange range) {
        return query("team_id", teamId, range);
    }

    /** Deletes buckets that started before {@code cutoff}; returns how many rows went. */
    public long deleteBefore(Instant cutoff) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection()
                    .prepareStatement("DELETE FROM key_usage WHERE bucket_start < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                return (long) delete.executeUpdate();
            }
        });
    }

    private UsageView query(String column, String id, UsageRange range) {
        Map<Instant, UsageView.ByStatus> found = transactions.executeRead(status -> {
            Map<Instant, UsageView.ByStatus> rows = new HashMap<>();
            try (PreparedStatement select = status.getConnection().prepareStatement(String.format(SUMS, column))) {
                select.setString(1, id);
                select.setString(2, range.granularity().wire());
                select.setTimestamp(3, Timestamp.from(range.from()));
                select.setTimestamp(4, Timestamp.from(range.to()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getObject(1, OffsetDateTime.class).toInstant(), new UsageView.ByStatus(
                                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("usage query failed: " + e.getMessage(), e);
            }
            return rows;
        });
        UsageView.ByStatus none = new UsageView.ByStatus(0, 0, 0, 0);
        List<UsageView.Bucket> buckets = range.bucketStarts().stream().map(start -> {
            UsageView.ByStatus counts = found.getOrDefault(start, none);
            return new UsageView.Bucket(start, counts.total(), counts);
        }).toList();
        return new UsageView(range.granularity().wire(), range.from(), range.to(), buckets);
    }
}
