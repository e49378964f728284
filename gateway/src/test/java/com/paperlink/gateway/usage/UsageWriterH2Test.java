package com.paperlink.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded H2 database (bin/up's default) adds counts to existing rows with its MERGE, as PostgreSQL does. */
class UsageWriterH2Test {

    private static final String URL = "jdbc:h2:mem:usagewriter;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void addsEachBatchToTheHourlyAndDailyRows() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", URL, "datasources.default.username", "sa",
                "datasources.default.password", "", "datasources.default.driver-class-name", "org.h2.Driver"))) {
            UsageWriter writer = context.getBean(UsageWriter.class);
            UsageLedger ledger = new UsageLedger(new MutableClock(Instant.parse("2026-11-23T10:15:00Z")));

            ledger.tally("key_a", "team_1").answered(200);
            ledger.tally("key_a", "team_1").answered(429);
            writer.write(ledger.drain());
            ledger.tally("key_a", "team_1").answered(200);
            ledger.tally("key_a", "team_1").answered(503);
            writer.write(ledger.drain());

            assertThat(row("hour")).isEqualTo("2026-11-23T10:00:00Z team_1 2 0 1 1");
            assertThat(row("day")).isEqualTo("2026-11-23T00:00:00Z team_1 2 0 1 1");
        }
    }

    private static String row(String granularity) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT bucket_start, team_id, status_2xx, status_4xx, status_429, "
                     + "status_5xx FROM key_usage WHERE key_id = 'key_a' AND granularity = '" + granularity + "'")) {
            assertThat(rs.next()).isTrue();
            String row = rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + " " + rs.getString(2) + " "
                    + rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getLong(5) + " " + rs.getLong(6);
            assertThat(rs.next()).as("one row per bucket").isFalse();
            return row;
        }
    }
}
