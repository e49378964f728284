package com.paperlink.keyadmin.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keyadmin.purge.UsagePurge;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage endpoints over real HTTP against PostgreSQL, with rows as the gateways write them. */
@MicronautTest(transactional = false)
class UsageApiTest extends KeyAdminTest {

    private static final String TEAM = "team-usage";
    private final String owner = TestJwt.owner("u-usage", TEAM);

    @Inject
    UsagePurge purge;

    @Test
    void keyUsageHasEveryBucketOfTheRangeWithItsCountsByStatusClass() throws Exception {
        String keyId = api.create(TEAM, owner, "usage key").get("id");
        insert(keyId, TEAM, "hour", "2026-11-20T10:00:00Z", 5, 1, 2, 0);
        insert(keyId, TEAM, "hour", "2026-11-20T12:00:00Z", 1, 0, 0, 3);
        insert(keyId, TEAM, "day", "2026-11-20T00:00:00Z", 6, 1, 2, 3);

        Reply hours = api.get(usage(keyId) + "?granularity=hour&from=2026-11-20T10:00:00Z&to=2026-11-20T13:00:00Z", owner);

        assertThat(hours.status()).isEqualTo(200);
        assertThat(hours.map()).containsEntry("granularity", "hour").containsEntry("from", "2026-11-20T10:00:00Z")
                .containsEntry("to", "2026-11-20T13:00:00Z");
        assertThat(buckets(hours)).containsExactly(
                Map.of("start", "2026-11-20T10:00:00Z", "total", 8, "byStatus", Map.of("2xx", 5, "4xx", 1, "429", 2, "5xx", 0)),
                Map.of("start", "2026-11-20T11:00:00Z", "total", 0, "byStatus", Map.of("2xx", 0, "4xx", 0, "429", 0, "5xx", 0)),
                Map.of("start", "2026-11-20T12:00:00Z", "total", 4, "byStatus", Map.of("2xx", 1, "4xx", 0, "429", 0, "5xx", 3)));

        Reply days = api.get(usage(keyId) + "?granularity=day&from=2026-11-19&to=2026-11-21", owner);
        assertThat(buckets(days)).extracting(b -> b.get("total")).containsExactly(0, 12);
    }

    @Test
    void teamUsageAddsUpItsKeysAndNotOtherTeams() throws Exception {
        String team = "team-usage-sum";
        String jwt = TestJwt.owner("u-sum", team);
        String first = api.create(team, jwt, "first").get("id");
        String second = api.create(team, jwt, "second").get("id");
        insert(first, team, "day", "2026-11-21T00:00:00Z", 10, 0, 0, 0);
        insert(second, team, "day", "2026-11-21T00:00:00Z", 5, 2, 1, 1);
        insert("key_elsewhere000000000", "team-other", "day", "2026-11-21T00:00:00Z", 100, 0, 0, 0);

        Reply reply = api.get("/admin/v1/teams/" + team + "/usage?from=2026-11-21&to=2026-11-22", jwt);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(buckets(reply)).containsExactly(Map.of("start", "2026-11-21T00:00:00Z", "total", 19,
                "byStatus", Map.of("2xx", 15, "4xx", 2, "429", 1, "5xx", 1)));
    }

    @Test
    void defaultsToTheLastSevenDaysByDay() {
        String keyId = api.create(TEAM, owner, "defaults").get("id");

        Reply reply = api.get(usage(keyId), owner);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.map()).containsEntry("granularity", "day");
        assertThat(buckets(reply)).hasSize(8).last().satisfies(bucket -> assertThat(bucket.get("start"))
                .isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS).toString()));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String keyId = api.create(TEAM, owner, "validation").get("id");
        Map<String, String> cases = Map.of(
                "?granularity=minute", "granularity",
                "?from=last-week", "from",
                "?to=2026-11-20T10:00:00", "to",
                "?from=2026-11-21&to=2026-11-20", "from",
                "?granularity=hour&from=2026-01-01&to=2026-11-20", "from",
                "?granularity=day&from=2025-01-01&to=2026-11-20", "from");
        cases.forEach((query, field) -> {
            for (String path : List.of(usage(keyId), "/admin/v1/teams/" + TEAM + "/usage")) {
                Reply reply = api.get(path + query, owner);
                assertThat(reply.status()).as(path + query).isEqualTo(400);
                assertThat(reply.errorCode()).isEqualTo("validation_failed");
                assertThat(reply.errorField()).as(path + query).isEqualTo(field);
            }
        });
    }

    @Test
    void onlyTheTeamsAdminsSeeItsUsage() {
        String keyId = api.create(TEAM, owner, "access").get("id");
        String member = TestJwt.user("u-member", Map.of(TEAM, "MEMBER"));
        String outsider = TestJwt.owner("u-out", "team-elsewhere");

        assertThat(api.get(usage(keyId), member).status()).isEqualTo(403);
        assertThat(api.get("/admin/v1/teams/" + TEAM + "/usage", member).status()).isEqualTo(403);
        assertThat(api.get(usage(keyId), outsider).status()).isEqualTo(404);
        assertThat(api.get(usage(keyId), null).status()).isEqualTo(401);
        Reply otherTeamsKey = api.get("/admin/v1/teams/team-elsewhere/keys/" + keyId + "/usage", outsider);
        assertThat(otherTeamsKey.status()).isEqualTo(404);
        assertThat(otherTeamsKey.errorCode()).isEqualTo("not_found");
        assertThat(api.get(Api.keys(TEAM) + "/not-a-key-id/usage", owner).status()).isEqualTo(404);
    }

    @Test
    void keyJsonCarriesTheLastUsedIp() throws Exception {
        String keyId = api.create(TEAM, owner, "last ip").get("id");
        assertThat(api.get(Api.keys(TEAM) + "/" + keyId, owner).map()).containsEntry("lastUsedIp", null);
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET last_used_at = ?, last_used_ip = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            s.setString(2, "2001:db8:0:0:0:0:0:7");
            s.setString(3, keyId);
            s.executeUpdate();
        }

        assertThat(api.get(Api.keys(TEAM) + "/" + keyId, owner).map()).containsEntry("lastUsedIp", "2001:db8:0:0:0:0:0:7");
        assertThat(api.get(Api.keys(TEAM), owner).list()).filteredOn(key -> keyId.equals(key.get("id")))
                .singleElement().satisfies(key -> assertThat(key).containsEntry("lastUsedIp", "2001:db8:0:0:0:0:0:7"));
    }

    @Test
    void purgeDeletesBucketsOlderThanNinetyDays() throws Exception {
        String keyId = api.create(TEAM, owner, "purge").get("id");
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        insert(keyId, TEAM, "hour", now.minus(91, ChronoUnit.DAYS).toString(), 1, 0, 0, 0);
        insert(keyId, TEAM, "hour", now.minus(89, ChronoUnit.DAYS).toString(), 1, 0, 0, 0);

        assertThat(purge.purge()).isEqualTo(1);
        assertThat(purge.purge()).isZero();
    }

    private static String usage(String keyId) {
        return Api.keys(TEAM) + "/" + keyId + "/usage";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> buckets(Reply reply) {
        return (List<Map<String, Object>>) reply.map().get("buckets");
    }

    private void insert(String keyId, String team, String granularity, String start, long ok, long client, long limited,
                        long server) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO key_usage (key_id, "
                + "team_id, granularity, bucket_start, status_2xx, status_4xx, status_429, status_5xx) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, keyId);
            s.setString(2, team);
            s.setString(3, granularity);
            s.setTimestamp(4, Timestamp.from(Instant.parse(start)));
            s.setLong(5, ok);
            s.setLong(6, client);
            s.setLong(7, limited);
            s.setLong(8, server);
            s.executeUpdate();
        }
    }
}
