package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** At most 10 active keys per team, also when creates race each other. */
@MicronautTest(transactional = false)
class KeyLimitTest extends KeyAdminTest {

    @Test
    void twentyParallelCreatesFromZeroGiveExactlyTenKeys() throws Exception {
        String team = "team-race";
        String jwt = TestJwt.owner("u-race", team);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String name = "racer " + i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.create(team, jwt, name);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                statuses.add(r.status());
                if (r.status() == 409) {
                    assertThat(r.errorCode()).isEqualTo("key_limit_reached");
                }
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get(Api.keys(team), jwt).list()).hasSize(10);
    }

    @Test
    void revokedAndExpiredKeysDoNotCount() throws Exception {
        String team = "team-turnover";
        String jwt = TestJwt.owner("u-turn", team);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(api.create(team, jwt, "key " + i).get("id"));
        }
        assertThat(api.create(team, jwt, "eleventh").errorCode()).isEqualTo("key_limit_reached");

        api.revoke(team, ids.get(0), jwt);
        assertThat(api.create(team, jwt, "after revoke").status()).isEqualTo(201);

        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            s.setString(1, ids.get(1));
            s.executeUpdate();
        }
        assertThat(api.create(team, jwt, "after expiry").status()).isEqualTo(201);
        assertThat(api.create(team, jwt, "over again").status()).isEqualTo(409);
    }
}
