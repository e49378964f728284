package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Team A's owner tries every way to read or change team B's keys: B's path, B's key ids under A's path,
 * roles claimed for B in a JWT signed by someone else, MANAGER of B. Nothing of B is read or changed.
 */
@Timeout(60)
class TeamIsolationAbuseTest {

    private static TestDatabase database;
    private static FaultKeyAdmin keyAdmin;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("kaisolation");
        keyAdmin = FaultKeyAdmin.start(database.properties(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (keyAdmin != null) {
            keyAdmin.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void teamAOwnerCannotReadOrChangeTeamBKeys() throws Exception {
        String ownerA = FaultKeyAdmin.jwt("user_a", "team_a", "OWNER");
        String managerOfB = FaultKeyAdmin.jwt("user_a", "team_a", "OWNER", "team_b", "MANAGER");
        String ownerB = FaultKeyAdmin.jwt("user_b", "team_b", "OWNER");
        String bKey = FaultKeyAdmin.field(keyAdmin.createKey("team_b", ownerB, "b-secret-name", "live"), "id");
        keyAdmin.createKey("team_a", ownerA, "a-key", "live");

        List<String[]> attempts = List.of(
                new String[] {"GET", "/admin/v1/teams/team_b/keys", null},
                new String[] {"GET", "/admin/v1/teams/team_b/keys/" + bKey, null},
                new String[] {"GET", "/admin/v1/teams/team_a/keys/" + bKey, null},
                new String[] {"PATCH", "/admin/v1/teams/team_a/keys/" + bKey, "{\"name\":\"pwned\"}"},
                new String[] {"PATCH", "/admin/v1/teams/team_b/keys/" + bKey, "{\"name\":\"pwned\"}"},
                new String[] {"POST", "/admin/v1/teams/team_a/keys/" + bKey + "/revoke", null},
                new String[] {"POST", "/admin/v1/teams/team_b/keys/" + bKey + "/revoke", null},
                new String[] {"POST", "/admin/v1/teams/team_b/keys", "{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_write\"}"},
                new String[] {"GET", "/admin/v1/teams/team_b/audit", null});
        for (String jwt : List.of(ownerA, managerOfB)) {
            for (String[] attempt : attempts) {
                HttpResponse<String> response = keyAdmin.send(attempt[0], attempt[1], jwt, attempt[2]);
                assertThat(response.statusCode()).as(attempt[0] + " " + attempt[1]).isIn(403, 404);
                assertThat(FaultKeyAdmin.hasErrorShape(response.body())).isTrue();
                assertThat(response.body()).doesNotContain("b-secret-name");
            }
        }

        HttpResponse<String> bList = keyAdmin.send("GET", "/admin/v1/teams/team_b/keys", ownerB, null);
        assertThat(bList.statusCode()).isEqualTo(200);
        assertThat(bList.body()).contains("b-secret-name").contains("\"status\":\"active\"").doesNotContain("pwned")
                .doesNotContain("\"name\":\"x\"");
        assertThat(keyAdmin.send("GET", "/admin/v1/teams/team_b/audit", ownerB, null).body())
                .doesNotContain("user_a");
    }
}
