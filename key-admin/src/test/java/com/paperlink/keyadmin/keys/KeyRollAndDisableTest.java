package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.ApiKeyToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Roll with grace, disable/enable and per-key rate limits over real HTTP against PostgreSQL. */
@MicronautTest(transactional = false)
class KeyRollAndDisableTest extends KeyAdminTest {

    private static final String FULL_KEY = "{\"name\":\"CRM sync\",\"mode\":\"test\",\"scope\":\"read_only\","
            + "\"allowedIps\":[\"203.0.113.0/24\"],\"expiresAt\":\"2099-01-01T00:00:00Z\","
            + "\"rateLimit\":{\"requests\":5,\"windowSeconds\":10}}";

    @Test
    void rollAnswersANewKeyWithTheSameSettingsAndTheOldOneWorksUntilTheGraceEnds() {
        Team team = team();
        Reply old = api.post(Api.keys(team.id), team.owner, FULL_KEY);
        Instant before = Instant.now();

        Reply rolled = roll(team, old.get("id"), "{\"gracePeriodSeconds\":3600}");

        assertThat(rolled.status()).as(rolled.body()).isEqualTo(201);
        Map<String, Object> successor = rolled.map();
        String token = (String) successor.get("token");
        assertThat(ApiKeyToken.parse(token)).isPresent();
        assertThat(token).startsWith("pk_test_").isNotEqualTo(old.get("token"));
        assertThat(successor).containsEntry("name", "CRM sync").containsEntry("mode", "test")
                .containsEntry("scope", "read_only").containsEntry("allowedIps", List.of("203.0.113.0/24"))
                .containsEntry("rateLimit", Map.of("requests", 5, "windowSeconds", 10))
                .containsEntry("expiresAt", "2099-01-01T00:00:00Z").containsEntry("status", "active")
                .containsEntry("rolledFrom", old.get("id")).containsEntry("rolledTo", null)
                .containsEntry("enabled", true).containsKey("curlExample");
        Map<String, Object> previous = api.get(Api.keys(team.id) + "/" + old.get("id"), team.owner).map();
        assertThat(previous).containsEntry("rolledTo", successor.get("id")).containsEntry("status", "active");
        assertThat(Instant.parse((String) previous.get("expiresAt")))
                .isCloseTo(before.plusSeconds(3600), within(60, ChronoUnit.SECONDS));
        assertThat(api.get(Api.keys(team.id), team.owner).list()).extracting(k -> k.get("id"))
                .containsExactlyInAnyOrder(old.get("id"), successor.get("id"));
    }

    @Test
    void rollWithoutABodyGivesADayOfGrace() {
        Team team = team();
        String id = api.create(team.id, team.owner, "default grace").get("id");
        Instant before = Instant.now();

        Reply rolled = api.call(HttpRequest.POST(Api.keys(team.id) + "/" + id + "/roll", "").bearerAuth(team.owner));

        assertThat(rolled.status()).as(rolled.body()).isEqualTo(201);
        Instant expires = Instant.parse(api.get(Api.keys(team.id) + "/" + id, team.owner).get("expiresAt"));
        assertThat(expires).isCloseTo(before.plusSeconds(86_400), within(60, ChronoUnit.SECONDS));
    }

    @Test
    void rollWithZeroGraceStopsTheOldKeyAtOnce() {
        Team team = team();
        String id = api.create(team.id, team.owner, "no grace").get("id");

        assertThat(roll(team, id, "{\"gracePeriodSeconds\":0}").status()).isEqualTo(201);

        assertThat(api.get(Api.keys(team.id) + "/" + id, team.owner).get("status")).isEqualTo("expired");
    }

    @Test
    void rollKeepsAnEarlierExpiryOfTheOldKey() {
        Team team = team();
        Instant soon = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        String id = api.post(Api.keys(team.id), team.owner, "{\"name\":\"soon\",\"mode\":\"live\",\"scope\":"
                + "\"read_write\",\"expiresAt\":\"" + soon + "\"}").get("id");

        roll(team, id, "{\"gracePeriodSeconds\":86400}");

        assertThat(Instant.parse(api.get(Api.keys(team.id) + "/" + id, team.owner).get("expiresAt"))).isEqualTo(soon);
    }

    @Test
    void rollNeverFailsOnTheTenKeyLimit() {
        Team team = team();
        String first = null;
        for (int i = 0; i < KeyService.MAX_ACTIVE_KEYS; i++) {
            String id = api.create(team.id, team.owner, "key " + i).get("id");
            first = first == null ? id : first;
        }

        assertThat(roll(team, first, "{\"gracePeriodSeconds\":60}").status()).isEqualTo(201);

        Reply eleventh = api.create(team.id, team.owner, "one too many");
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.errorCode()).isEqualTo("key_limit_reached");
    }

    @Test
    void rolledPairSharesOneRateLimitBucket() throws Exception {
        Team team = team();
        String old = api.create(team.id, team.owner, "bucket").get("id");
        String next = roll(team, old, "{}").get("id");
        String third = roll(team, next, "{\"gracePeriodSeconds\":0}").get("id");

        assertThat(bucketOf(next)).isEqualTo(old);
        assertThat(bucketOf(third)).isEqualTo(old);
    }

    @Test
    void rollIsRecordedInTheAuditLog() {
        Team team = team();
        String old = api.create(team.id, team.owner, "audited").get("id");
        String next = roll(team, old, "{\"gracePeriodSeconds\":60}").get("id");

        List<Map<String, Object>> audit = api.get("/admin/v1/teams/" + team.id + "/audit", team.owner).list();

        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry).containsEntry("keyId", old).containsEntry("action", "rolled");
            assertThat((String) entry.get("details")).contains(next);
        });
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry).containsEntry("keyId", next).containsEntry("action", "created");
            assertThat((String) entry.get("details")).contains("rolled from " + old);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rolled twice   | rolled   | key_already_rolled
            revoked        | revoked  | key_revoked
            disabled       | disabled | key_disabled
            expired        | expired  | key_expired
            """)
    void rollOfAKeyThatCannotBeRolledIsAConflict(String label, String state, String code) throws Exception {
        Team team = team();
        String id = api.create(team.id, team.owner, label).get("id");
        switch (state) {
            case "rolled" -> roll(team, id, "{}");
            case "revoked" -> api.revoke(team.id, id, team.owner);
            case "disabled" -> api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":false}");
            default -> expireNow(id);
        }

        Reply reply = roll(team, id, "{}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            negative grace        | {"gracePeriodSeconds":-1}        | gracePeriodSeconds
            grace over 7 days     | {"gracePeriodSeconds":604801}    | gracePeriodSeconds
            grace fractional      | {"gracePeriodSeconds":1.5}       | gracePeriodSeconds
            grace a string        | {"gracePeriodSeconds":"3600"}    | gracePeriodSeconds
            grace huge            | {"gracePeriodSeconds":1e400}     | gracePeriodSeconds
            unknown field         | {"grace":60}                     | grace
            not an object         | [60]                             | body
            malformed JSON        | {"gracePeriodSeconds":           | body
            """)
    void rollRejectsABadBody(String label, String body, String field) {
        Team team = team();
        String id = api.create(team.id, team.owner, "bad roll").get("id");

        Reply reply = roll(team, id, body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorField()).isEqualTo(field);
        assertThat(reply.error()).containsKeys("message", "requestId");
        assertThat(api.get(Api.keys(team.id), team.owner).list()).hasSize(1);
    }

    @Test
    void rollOfAnUnknownKeyIsNotFound() {
        Team team = team();
        assertThat(roll(team, "key_AAAAAAAAAAAAAAAAAAAA", "{}").status()).isEqualTo(404);
        assertThat(roll(team, "nonsense", "{}").status()).isEqualTo(404);
    }

    @Test
    void disableAndEnableRoundTrip() {
        Team team = team();
        String id = api.create(team.id, team.owner, "pausable").get("id");

        Reply disabled = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":false}");

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.map()).containsEntry("status", "disabled").containsEntry("enabled", false);
        assertThat(disabled.get("disabledAt")).isNotNull();
        assertThat(api.get(Api.keys(team.id), team.owner).list()).extracting(k -> k.get("status"))
                .containsExactly("disabled");

        Reply enabled = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":true}");

        assertThat(enabled.map()).containsEntry("status", "active").containsEntry("enabled", true)
                .containsEntry("disabledAt", null);
        List<Map<String, Object>> audit = api.get("/admin/v1/teams/" + team.id + "/audit", team.owner).list();
        assertThat(audit).extracting(e -> e.get("action")).containsSubsequence("enabled", "disabled", "created");
    }

    @Test
    void disabledKeysStillCountTowardsTheLimit() {
        Team team = team();
        String first = api.create(team.id, team.owner, "paused").get("id");
        api.patch(Api.keys(team.id) + "/" + first, team.owner, "{\"enabled\":false}");
        for (int i = 1; i < KeyService.MAX_ACTIVE_KEYS; i++) {
            assertThat(api.create(team.id, team.owner, "key " + i).status()).isEqualTo(201);
        }

        Reply eleventh = api.create(team.id, team.owner, "one too many");

        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.errorCode()).isEqualTo("key_limit_reached");
    }

    @Test
    void repeatingTheSameEnabledValueChangesNothing() {
        Team team = team();
        String id = api.create(team.id, team.owner, "already on").get("id");

        assertThat(api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":true}").get("status"))
                .isEqualTo("active");

        assertThat(api.get("/admin/v1/teams/" + team.id + "/audit", team.owner).list()).extracting(e -> e.get("action"))
                .containsExactly("created");
    }

    @Test
    void rateLimitIsSetAtCreationChangedAndResetToTheDefault() {
        Team team = team();
        Reply created = api.post(Api.keys(team.id), team.owner, "{\"name\":\"busy\",\"mode\":\"live\",\"scope\":"
                + "\"read_write\",\"rateLimit\":{\"requests\":1000,\"windowSeconds\":60}}");
        assertThat(created.map()).containsEntry("rateLimit", Map.of("requests", 1000, "windowSeconds", 60));
        String id = created.get("id");

        Reply changed = api.patch(Api.keys(team.id) + "/" + id, team.owner,
                "{\"rateLimit\":{\"requests\":100000,\"windowSeconds\":3600}}");
        assertThat(changed.map()).containsEntry("rateLimit", Map.of("requests", 100000, "windowSeconds", 3600));

        Reply reset = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"rateLimit\":null}");
        assertThat(reset.map()).containsEntry("rateLimit", null);
        assertThat(api.create(team.id, team.owner, "plain").map()).containsEntry("rateLimit", null);
        assertThat(api.get("/admin/v1/teams/" + team.id + "/audit", team.owner).list())
                .anySatisfy(e -> assertThat((String) e.get("details")).contains("rateLimit 1000 per 60 s → 100000 per 3600 s"));
    }

    @Test
    void rateLimitChangeAppliesToBothKeysOfARolledPair() {
        Team team = team();
        String old = api.create(team.id, team.owner, "pair").get("id");
        String next = roll(team, old, "{\"gracePeriodSeconds\":600}").get("id");

        api.patch(Api.keys(team.id) + "/" + next, team.owner, "{\"rateLimit\":{\"requests\":7,\"windowSeconds\":30}}");

        assertThat(api.get(Api.keys(team.id) + "/" + old, team.owner).map())
                .containsEntry("rateLimit", Map.of("requests", 7, "windowSeconds", 30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not an object         | 5                                                 | rateLimit
            a string              | "5/10s"                                           | rateLimit
            requests missing      | {"windowSeconds":10}                              | rateLimit.requests
            window missing        | {"requests":5}                                    | rateLimit.windowSeconds
            requests zero         | {"requests":0,"windowSeconds":10}                 | rateLimit.requests
            requests too many     | {"requests":100001,"windowSeconds":10}            | rateLimit.requests
            requests fractional   | {"requests":2.5,"windowSeconds":10}               | rateLimit.requests
            requests a string     | {"requests":"5","windowSeconds":10}               | rateLimit.requests
            window zero           | {"requests":5,"windowSeconds":0}                  | rateLimit.windowSeconds
            window over an hour   | {"requests":5,"windowSeconds":3601}               | rateLimit.windowSeconds
            window negative       | {"requests":5,"windowSeconds":-10}                | rateLimit.windowSeconds
            unknown member        | {"requests":5,"windowSeconds":10,"burst":3}       | rateLimit.burst
            """)
    void createAndPatchRejectABadRateLimit(String label, String rateLimit, String field) {
        Team team = team();
        Reply created = api.post(Api.keys(team.id), team.owner,
                "{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_only\",\"rateLimit\":" + rateLimit + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.errorCode()).isEqualTo("validation_failed");
        assertThat(created.errorField()).isEqualTo(field);

        String id = api.create(team.id, team.owner, "target").get("id");
        Reply patched = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"rateLimit\":" + rateLimit + "}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(400);
        assertThat(patched.errorField()).isEqualTo(field);
        assertThat(api.get(Api.keys(team.id) + "/" + id, team.owner).map()).containsEntry("rateLimit", null);
    }

    @ParameterizedTest(name = "enabled: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"false"`
            0
            null
            `{}`
            """)
    void patchRejectsAnEnabledThatIsNotABoolean(String value) {
        Team team = team();
        String id = api.create(team.id, team.owner, "target").get("id");

        Reply reply = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":" + value + "}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorField()).isEqualTo("enabled");
    }

    @Test
    void aRevokedKeyCannotBeEnabled() {
        Team team = team();
        String id = api.create(team.id, team.owner, "gone").get("id");
        api.revoke(team.id, id, team.owner);

        Reply reply = api.patch(Api.keys(team.id) + "/" + id, team.owner, "{\"enabled\":true}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("key_revoked");
    }

    private Reply roll(Team team, String keyId, String body) {
        return api.post(Api.keys(team.id) + "/" + keyId + "/roll", team.owner, body);
    }

    private void expireNow(String keyId) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET expires_at = ? WHERE id = ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            s.setString(2, keyId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private String bucketOf(String keyId) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT rate_limit_bucket FROM api_key WHERE id = ?")) {
            s.setString(1, keyId);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Team team() {
        String id = "team-" + UUID.randomUUID().toString().substring(0, 8);
        return new Team(id, TestJwt.owner("u-roll", id));
    }

    private record Team(String id, String owner) {
    }
}
