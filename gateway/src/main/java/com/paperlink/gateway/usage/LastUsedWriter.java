package com.paperlink.gateway.usage;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import javax.sql.DataSource;

/** Writes a batch of last uses in one transaction and one JDBC batch. Never moves last_used_at backwards. */
@Singleton
public class LastUsedWriter {

    private static final String UPDATE = "UPDATE api_key SET last_used_at = ?, last_used_ip = ? "
            + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private final DataSource dataSource;

    public LastUsedWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void write(Map<String, LastUsedBuffer.Use> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Connection connection = connection();
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Map.Entry<String, LastUsedBuffer.Use> entry : batch.entrySet()) {
                Timestamp at = Timestamp.from(entry.getValue().at());
                update.setTimestamp(1, at);
                update.setString(2, entry.getValue().clientIp());
                update.setString(3, entry.getKey());
                update.setTimestamp(4, at);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write last-used batch: " + e.getMessage(), e);
        }
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
