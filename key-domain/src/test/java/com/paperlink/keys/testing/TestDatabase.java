package com.paperlink.keys.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A private PostgreSQL database for one test class on the machine's server (127.0.0.1:5432, trust
 * auth), so test runs never see each other's rows. Dropped on {@link #close()}.
 *
 * <p>Override the server with env {@code TEST_PG_HOST}, {@code TEST_PG_PORT}, {@code TEST_PG_USER},
 * {@code TEST_PG_PASSWORD}.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database named after the label, e.g. {@code pl_keyadminit_1a2b3c4d}. */
    public static TestDatabase create(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "pl_" + clean.substring(0, Math.min(clean.length(), 30)) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /** Micronaut properties pointing the default datasource at this database. */
    public Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", jdbcUrl());
        props.put("datasources.default.username", USER);
        props.put("datasources.default.password", PASSWORD);
        props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        props.put("datasources.default.dialect", "POSTGRES");
        return props;
    }

    /** A plain JDBC connection, for assertions straight on the tables. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " is needed for this test: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
