package com.paperlink.keys.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the statements a database executed, from {@code pg_stat_statements} on a {@link PrivatePostgres}
 * (updated as each statement ends, unlike the cumulative statistics views, which backends flush late).
 * Used to prove that a request never reached the database: take {@link #total()} before and after.
 */
public final class QueryCounter {

    private final String url;
    private final String database;

    private QueryCounter(String url, String database) {
        this.url = url;
        this.database = database;
    }

    /**
     * Loads {@code pg_stat_statements} into the private cluster (one restart) and creates the extension in
     * {@code database}. Call before the service under test connects.
     */
    public static QueryCounter install(PrivatePostgres postgres, String database) {
        String url = postgres.jdbcUrl(database);
        execute(url, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        postgres.stopServer();
        postgres.startServer();
        execute(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new QueryCounter(url, database);
    }

    /** Statements executed in this database so far, by anyone but this counter. */
    public long total() {
        return calls("TRUE");
    }

    /** Statements touching the api_key table so far (the authenticator's lookups). */
    public long apiKeyQueries() {
        return calls("s.query ILIKE '%api_key%'");
    }

    /** SELECTs on the api_key table so far: the authenticator's key lookups (not the last-used writes). */
    public long keyLookups() {
        return calls("s.query ILIKE 'select%api_key%'");
    }

    private long calls(String filter) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + database + "' "
                     + "AND " + filter + " AND s.query NOT ILIKE '%pg_stat_statements%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements: " + e.getMessage(), e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
