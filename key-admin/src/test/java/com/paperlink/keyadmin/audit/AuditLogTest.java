package com.paperlink.keyadmin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who created, renamed, changed and revoked which key, newest first. */
@MicronautTest(transactional = false)
class AuditLogTest extends KeyAdminTest {

    @Test
    void recordsEveryChangeOnceNewestFirst() {
        String team = "team-audit";
        String owner = TestJwt.owner("u-owner", team);
        String admin = TestJwt.user("u-admin", Map.of(team, "ADMIN"));
        String id = api.create(team, owner, "Zapier").get("id");
        api.patch(Api.keys(team) + "/" + id, admin, "{\"name\":\"Zapier prod\"}");
        api.patch(Api.keys(team) + "/" + id, admin, "{\"allowedIps\":[\"198.51.100.0/24\"]}");
        api.revoke(team, id, owner);
        api.revoke(team, id, owner);

        List<Map<String, Object>> audit = api.get("/admin/v1/teams/" + team + "/audit", owner).list();

        assertThat(audit).extracting(e -> e.get("action")).containsExactly("revoked", "updated", "renamed", "created");
        assertThat(audit).allSatisfy(e -> assertThat(e).containsEntry("keyId", id)
                .containsKeys("id", "keyName", "actor", "at", "details"));
        assertThat(audit.get(0)).containsEntry("actor", Map.of("id", "u-owner", "name", "User u-owner"))
                .containsEntry("keyName", "Zapier prod");
        assertThat(audit.get(1)).containsEntry("actor", Map.of("id", "u-admin", "name", "User u-admin"));
        assertThat((String) audit.get(1).get("details")).contains("198.51.100.0/24");
        assertThat((String) audit.get(2).get("details")).contains("Zapier", "Zapier prod");
    }

    @Test
    void otherTeamsEntriesAreNotShown() {
        String mine = "team-audit-mine";
        api.create("team-audit-theirs", TestJwt.owner("u-t", "team-audit-theirs"), "theirs");
        String owner = TestJwt.owner("u-m", mine);
        api.create(mine, owner, "mine");

        List<Map<String, Object>> audit = api.get("/admin/v1/teams/" + mine + "/audit", owner).list();

        assertThat(audit).extracting(e -> e.get("keyName")).containsExactly("mine");
    }
}
