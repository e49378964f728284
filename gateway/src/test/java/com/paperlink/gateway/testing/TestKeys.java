package com.paperlink.gateway.testing;

import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes keys into a test database's {@code api_key} table the way key-admin does (hash and display
 * prefix only), so gateway tests authenticate real tokens against real rows.
 */
public final class TestKeys {

    /** A created key: the token to send and the row id. */
    public record Created(String id, String token, String hash) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private final ConnectionSource connections;

    /** How tests hand over a JDBC connection (e.g. {@code TestDatabase::connect}). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection connect() throws SQLException;
    }

    public TestKeys(ConnectionSource connections) {
        this.connections = connections;
    }

    public Created create(String teamId, KeyMode mode, KeyScope scope) {
        return create(teamId, mode, scope, null, null);
    }

    public Created create(String teamId, KeyMode mode, KeyScope scope, Instant expiresAt, String allowedIps) {
        ApiKeyToken token = ApiKeyToken.generate(mode);
        String id = KeyIds.newId();
        execute("INSERT INTO api_key (id, team_id, name, prefix, token_hash, mode, scope, created_by_id, "
                        + "created_by_name, created_at, expires_at, allowed_ips) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                id, teamId, "test key", token.displayPrefix(), token.hash(), mode.wire(), scope.wire(), "user_test",
                "Test User", Timestamp.from(Instant.now()), expiresAt == null ? null : Timestamp.from(expiresAt),
                allowedIps);
        return new Created(id, token.reveal(), token.hash());
    }

    public void revoke(String id) {
        execute("UPDATE api_key SET revoked_at = ?, revoked_by_id = 'user_test', revoked_by_name = 'Test User' "
                + "WHERE id = ?", Timestamp.from(Instant.now()), id);
    }

    public Instant lastUsedAt(String id) {
        try (Connection connection = connections.connect();
             PreparedStatement query = connection.prepareStatement("SELECT last_used_at FROM api_key WHERE id = ?")) {
            query.setString(1, id);
            try (var rows = query.executeQuery()) {
                rows.next();
                Timestamp at = rows.getTimestamp(1);
                return at == null ? null : at.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = connections.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
