package com.paperlink.gateway.usage;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Writes one {@link UsageBatch} in one transaction: a JDBC batch of last uses (never moving
 * {@code last_used_at} backwards) and one of usage upserts that add the batch's counts to the hourly and
 * daily rows. PostgreSQL adds with {@code INSERT ... ON CONFLICT DO UPDATE} (atomic when several gateway
 * nodes flush the same bucket); the embedded H2 database, which has no such clause, with a standard MERGE.
 */
@Singleton
public class UsageWriter {

    private static final String LAST_USED = "UPDATE api_key SET last_used_at = ?, last_used_ip = ? "
            + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";
    private static final String ADD_POSTGRES = "INSERT INTO key_usage (key_id, team_id, granularity, bucket_start, "
            + "status_2xx, status_4xx, status_429, status_5xx) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (key_id, granularity, bucket_start) DO UPDATE SET "
            + "status_2xx = key_usage.status_2xx + EXCLUDED.status_2xx, "
            + "status_4xx = key_usage.status_4xx + EXCLUDED.status_4xx, "
            + "status_429 = key_usage.status_429 + EXCLUDED.status_429, "
            + "status_5xx = key_usage.status_5xx + EXCLUDED.status_5xx";
    private static final String ADD_H2 = "MERGE INTO key_usage u USING (VALUES (CAST(? AS VARCHAR(32)), "
            + "CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(4)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), "
            + "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))) "
            + "AS v(key_id, team_id, granularity, bucket_start, s2, s4, s429, s5) "
            + "ON u.key_id = v.key_id AND u.granularity = v.granularity AND u.bucket_start = v.bucket_start "
            + "WHEN MATCHED THEN UPDATE SET status_2xx = u.status_2xx + v.s2, status_4xx = u.status_4xx + v.s4, "
            + "status_429 = u.status_429 + v.s429, status_5xx = u.status_5xx + v.s5 "
            + "WHEN NOT MATCHED THEN INSERT (key_id, team_id, granularity, bucket_start, status_2xx, status_4xx, "
            + "status_429, status_5xx) VALUES (v.key_id, v.team_id, v.granularity, v.bucket_start, v.s2, v.s4, "
            + "v.s429, v.s5)";

    private static final Comparator<UsageBatch.Count> BY_ROW =
            Comparator.comparing(UsageBatch.Count::keyId).thenComparingLong(UsageBatch.Count::startMillis);

    private final DataSource dataSource;

    public UsageWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void write(UsageBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        Connection connection = connection();
        try {
            if (!batch.lastUses.isEmpty()) {
                writeLastUses(connection, batch);
            }
            if (batch.hasCounts()) {
                String add = isH2(connection) ? ADD_H2 : ADD_POSTGRES;
                try (PreparedStatement upsert = connection.prepareStatement(add)) {
                    addCounts(upsert, "hour", batch.hours());
                    addCounts(upsert, "day", batch.days());
                    upsert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write usage batch: " + e.getMessage(), e);
        }
    }

    private static void writeLastUses(Connection connection, UsageBatch batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(LAST_USED)) {
            for (UsageBatch.LastUse use : batch.lastUses.stream()
                    .sorted(Comparator.comparing((UsageBatch.LastUse u) -> u.tally().keyId())).toList()) {
                Timestamp at = Timestamp.from(use.at());
                update.setTimestamp(1, at);
                update.setString(2, use.clientIp());
                update.setString(3, use.tally().keyId());
                update.setTimestamp(4, at);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void addCounts(PreparedStatement upsert, String granularity, Collection<UsageBatch.Count> counts)
            throws SQLException {
        // One order on every node, so two nodes' flushes of the same rows wait for each other instead of deadlocking.
        for (UsageBatch.Count count : counts.stream().sorted(BY_ROW).toList()) {
            upsert.setString(1, count.keyId());
            upsert.setString(2, count.teamId());
            upsert.setString(3, granularity);
            upsert.setTimestamp(4, new Timestamp(count.startMillis()));
            for (int i = 0; i < 4; i++) {
                upsert.setLong(5 + i, count.counts()[i]);
            }
            upsert.addBatch();
        }
    }

    private static boolean isH2(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
    }

    private Connection connection() {
        // The injected DataSource is transaction-aware: inside @Transactional this is the transaction's connection.
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no database connection: " + e.getMessage(), e);
        }
    }
}
