package com.paperlink.keyadmin.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keyadmin.keys.ApiKeyRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The purge deletes keys revoked more than 90 days before "now" (a fixed clock), and nothing else; its schedule
 * (here every 200 ms) runs it without being called.
 */
@MicronautTest(transactional = false)
class RevokedKeyPurgeTest extends KeyAdminTest {

    private static final Instant NOW = Instant.parse("2031-06-15T12:00:00Z");

    @Inject
    ApiKeyRepository repository;

    @Test
    void deletesOnlyKeysRevokedMoreThan90DaysAgo() throws Exception {
        String team = "team-purge";
        String jwt = TestJwt.owner("u-p", team);
        String old = api.create(team, jwt, "revoked 90 days and a second ago").get("id");
        String recent = api.create(team, jwt, "revoked 89 days ago").get("id");
        String active = api.create(team, jwt, "active").get("id");
        api.revoke(team, old, jwt);
        api.revoke(team, recent, jwt);
        setRevokedAt(old, NOW.minus(Duration.ofDays(90)).minusSeconds(1));
        setRevokedAt(recent, NOW.minus(Duration.ofDays(89)));

        long deleted = new RevokedKeyPurge(repository, Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertThat(deleted).isEqualTo(1);
        assertThat(remainingIds()).containsExactlyInAnyOrder(recent, active);
        assertThat(api.get("/admin/v1/teams/" + team + "/audit", jwt).list())
                .extracting(e -> e.get("keyId")).contains(old);
    }

    @Override
    protected java.util.Map<String, String> extraProperties() {
        return java.util.Map.of("key-admin.purge.initial-delay", "200ms", "key-admin.purge.interval", "200ms");
    }

    @Test
    void theScheduleDeletesAKeyRevokedLongAgoWithoutBeingCalled() throws Exception {
        String team = "team-scheduled";
        String jwt = TestJwt.owner("u-s", team);
        String old = api.create(team, jwt, "revoked 91 days ago").get("id");
        api.revoke(team, old, jwt);
        setRevokedAt(old, Instant.now().minus(Duration.ofDays(91)));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (remainingIds().contains(old) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(remainingIds()).doesNotContain(old);
    }

    @Test
    void runningTwiceDeletesNothingMore() {
        RevokedKeyPurge purge = new RevokedKeyPurge(repository, Clock.fixed(NOW, ZoneOffset.UTC));
        purge.purge();
        assertThat(purge.purge()).isZero();
    }

    private List<String> remainingIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM api_key")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private void setRevokedAt(String id, Instant at) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, id);
            s.executeUpdate();
        }
    }
}
