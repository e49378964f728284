package com.paperlink.keyadmin.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.testing.ServiceProcess;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events are best effort: with Redis configured but unreachable, key-admin starts and revokes as usual. */
@MicronautTest(transactional = false)
class DeadRedisTest extends KeyAdminTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("redis.uri", "redis://127.0.0.1:" + ServiceProcess.freePort());
    }

    @Test
    void revokeSucceedsWhileRedisIsDown() {
        String team = "team-dead-redis";
        String jwt = TestJwt.owner("u-d", team);
        String id = api.create(team, jwt, "k").get("id");

        assertThat(api.revoke(team, id, jwt).status()).isEqualTo(200);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }
}
