package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.PrivatePostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stops under a running key-admin (a private cluster): every call answers 503 with the error
 * shape in bounded time, not a hang and not a 500, and key-admin recovers by itself when it returns.
 */
@Timeout(120)
class KeyAdminDatabaseOutageTest {

    private static PrivatePostgres postgres;
    private static FaultKeyAdmin keyAdmin;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("paperlink");
        keyAdmin = FaultKeyAdmin.start(Map.of(
                "datasources.default.url", postgres.jdbcUrl("paperlink"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.connection-timeout", "2000"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (keyAdmin != null) {
            keyAdmin.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void answersUnavailableWithTheErrorShapeDuringTheOutageAndRecoversByItself() throws Exception {
        String owner = FaultKeyAdmin.jwt("user_owner", "team_a", "OWNER");
        String created = keyAdmin.createKey("team_a", owner, "before", "live");
        String keyId = FaultKeyAdmin.field(created, "id");

        postgres.stopServer();
        try {
            for (String[] call : new String[][] {{"GET", "/admin/v1/teams/team_a/keys", null},
                    {"GET", "/admin/v1/teams/team_a/keys/" + keyId, null},
                    {"POST", "/admin/v1/teams/team_a/keys", "{\"name\":\"during\",\"mode\":\"live\",\"scope\":\"read_write\"}"},
                    {"PATCH", "/admin/v1/teams/team_a/keys/" + keyId, "{\"name\":\"renamed\"}"},
                    {"POST", "/admin/v1/teams/team_a/keys/" + keyId + "/revoke", null},
                    {"GET", "/admin/v1/teams/team_a/audit", null}}) {
                long start = System.nanoTime();
                HttpResponse<String> response = keyAdmin.send(call[0], call[1], owner, call[2]);
                assertThat(response.statusCode()).as(call[0] + " " + call[1] + ": " + response.body()).isEqualTo(503);
                assertThat(FaultKeyAdmin.hasErrorShape(response.body())).as(response.body()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hang").isLessThan(Duration.ofSeconds(15));
            }
            assertThat(keyAdmin.send("GET", "/admin/v1/teams/team_a/keys", null, null).statusCode())
                    .as("authentication does not need the database").isEqualTo(401);
        } finally {
            postgres.startServer();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> list;
        while ((list = keyAdmin.send("GET", "/admin/v1/teams/team_a/keys", owner, null)).statusCode() != 200
                && System.nanoTime() < deadline) {
            assertThat(list.statusCode()).isEqualTo(503);
            Thread.sleep(250);
        }
        assertThat(list.statusCode()).as("recovered without a restart").isEqualTo(200);
        assertThat(list.body()).contains(keyId).doesNotContain("during");
    }
}
