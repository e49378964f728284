package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.TokenHash;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key endpoint's happy path over real HTTP against PostgreSQL. */
@MicronautTest(transactional = false)
class KeyLifecycleTest extends KeyAdminTest {

    private static final String TEAM = "team-lifecycle";
    private final String owner = TestJwt.owner("u-1", TEAM);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("key-admin.public-gateway-url", "https://api.example.test/");
    }

    @Test
    void createReturnsTheKeyWithTokenAndCurlExampleOnce() {
        Reply created = api.post(Api.keys(TEAM), owner,
                "{\"name\":\"  CRM sync  \",\"mode\":\"test\",\"scope\":\"read_only\"," +
                        "\"expiresAt\":\"2099-01-31T10:00:00+02:00\",\"allowedIps\":[\"10.1.2.3/8\",\"2001:DB8::1\"]}");

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> key = created.map();
        String token = (String) key.get("token");
        assertThat(ApiKeyToken.parse(token)).isPresent();
        assertThat(token).startsWith("pk_test_");
        assertThat(key).containsEntry("name", "CRM sync").containsEntry("mode", "test")
                .containsEntry("scope", "read_only").containsEntry("status", "active")
                .containsEntry("prefix", token.substring(0, 12))
                .containsEntry("expiresAt", "2099-01-31T08:00:00Z")
                .containsEntry("allowedIps", List.of("10.0.0.0/8", "2001:db8::1"))
                .containsEntry("createdBy", Map.of("id", "u-1", "name", "User u-1"))
                .containsEntry("revokedAt", null).containsEntry("revokedBy", null).containsEntry("lastUsedAt", null)
                .containsEntry("curlExample",
                        "curl -H \"Authorization: Bearer " + token + "\" https://api.example.test/api/v1/products");
        assertThat((String) key.get("id")).startsWith("key_");

        Reply fetched = api.get(Api.keys(TEAM) + "/" + key.get("id"), owner);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.map()).doesNotContainKeys("token", "curlExample", "tokenHash", "hash")
                .containsEntry("name", "CRM sync").containsEntry("createdAt", key.get("createdAt"));
    }

    @Test
    void databaseHoldsOnlyTheHashOfTheToken() throws Exception {
        Reply created = api.create(TEAM, owner, "hash only");
        String token = created.get("token");
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM api_key WHERE id = ?")) {
            s.setString(1, created.get("id"));
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("token_hash")).isEqualTo(TokenHash.sha256Hex(token));
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getObject(i))).doesNotContain(token.substring(8));
            }
        }
    }

    @Test
    void listShowsNewestFirstAsABareArray() {
        String team = "team-list";
        String jwt = TestJwt.owner("u-2", team);
        String first = api.create(team, jwt, "first").get("id");
        String second = api.create(team, jwt, "second").get("id");

        Reply list = api.get(Api.keys(team), jwt);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.list()).extracting(k -> k.get("id")).containsExactly(second, first);
    }

    @Test
    void revokedKeysStayListedFor90DaysThenDisappear() throws Exception {
        String team = "team-retention";
        String jwt = TestJwt.owner("u-3", team);
        String recent = api.create(team, jwt, "recent").get("id");
        String old = api.create(team, jwt, "old").get("id");
        api.revoke(team, recent, jwt);
        api.revoke(team, old, jwt);
        setRevokedAt(recent, Instant.now().minus(89, ChronoUnit.DAYS));
        setRevokedAt(old, Instant.now().minus(91, ChronoUnit.DAYS));

        List<Map<String, Object>> list = api.get(Api.keys(team), jwt).list();

        assertThat(list).extracting(k -> k.get("id")).containsExactly(recent);
        assertThat(list.get(0)).containsEntry("status", "revoked")
                .containsEntry("revokedBy", Map.of("id", "u-3", "name", "User u-3"));
    }

    @Test
    void patchRenamesAndChangesExpiryAndAllowlist() {
        String id = api.create(TEAM, owner, "before").get("id");

        Reply patched = api.patch(Api.keys(TEAM) + "/" + id, owner,
                "{\"name\":\"after\",\"expiresAt\":\"2098-05-01T00:00:00Z\",\"allowedIps\":[\"192.0.2.7\"]}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.map()).containsEntry("name", "after").containsEntry("expiresAt", "2098-05-01T00:00:00Z")
                .containsEntry("allowedIps", List.of("192.0.2.7"));

        Reply cleared = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"expiresAt\":null,\"allowedIps\":[]}");
        assertThat(cleared.map()).containsEntry("name", "after").containsEntry("expiresAt", null)
                .containsEntry("allowedIps", null);
    }

    @Test
    void revokeIsIdempotentAndKeepsTheFirstRevocation() {
        String id = api.create(TEAM, owner, "to revoke").get("id");

        Reply first = api.revoke(TEAM, id, owner);
        Reply second = api.revoke(TEAM, id, TestJwt.user("u-other", Map.of(TEAM, "ADMIN")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.map()).containsEntry("status", "revoked");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.map()).containsEntry("revokedAt", first.map().get("revokedAt"))
                .containsEntry("revokedBy", Map.of("id", "u-1", "name", "User u-1"));
    }

    @Test
    void patchOfARevokedKeyIsAConflict() {
        String id = api.create(TEAM, owner, "revoked then renamed").get("id");
        api.revoke(TEAM, id, owner);

        Reply patched = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"name\":\"new\"}");

        assertThat(patched.status()).isEqualTo(409);
        assertThat(patched.errorCode()).isEqualTo("key_revoked");
    }

    @Test
    void keyPastItsExpiryShowsExpired() throws Exception {
        String id = api.create(TEAM, owner, "expiring").get("id");
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        assertThat(api.get(Api.keys(TEAM) + "/" + id, owner).map()).containsEntry("status", "expired");
    }

    @Test
    void unknownOrMalformedKeyIdIsNotFound() {
        assertThat(api.get(Api.keys(TEAM) + "/key_AAAAAAAAAAAAAAAAAAAA", owner).errorCode()).isEqualTo("not_found");
        assertThat(api.get(Api.keys(TEAM) + "/nonsense", owner).status()).isEqualTo(404);
        assertThat(api.revoke(TEAM, "key_AAAAAAAAAAAAAAAAAAAA", owner).status()).isEqualTo(404);
    }

    private void setRevokedAt(String id, Instant at) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE id = ?")) {
            s.setObject(1, java.sql.Timestamp.from(at));
            s.setString(2, id);
            s.executeUpdate();
        }
    }
}
