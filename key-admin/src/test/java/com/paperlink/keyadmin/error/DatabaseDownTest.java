package com.paperlink.keyadmin.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.testing.PrivatePostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database outage is a 503 with the error shape (never a 500 or a hang), and key-admin recovers. */
class DatabaseDownTest {

    @Test
    void answersServiceUnavailableWhileTheDatabaseIsDownAndRecovers() {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            pg.createDatabase("paperlink");
            Map<String, Object> props = Map.of(
                    "datasources.default.url", pg.jdbcUrl("paperlink"),
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "",
                    "datasources.default.connection-timeout", 1000,
                    "key-admin.jwt-secret", TestJwt.SECRET,
                    "micronaut.server.port", -1);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
                 HttpClient client = HttpClient.create(server.getURL())) {
                Api api = new Api(client.toBlocking(), server.getApplicationContext().getBean(JsonMapper.class));
                String jwt = TestJwt.owner("u-db", "team-db");
                assertThat(api.create("team-db", jwt, "before the outage").status()).isEqualTo(201);

                pg.stopServer();
                Api.Reply down = api.get(Api.keys("team-db"), jwt);
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.errorCode()).isEqualTo("service_unavailable");
                assertThat(down.error()).containsKeys("message", "requestId");

                pg.startServer();
                // The pool replaces its dead connections by itself: a bounded wait, 503s until then, no restart.
                Api.Reply back = api.get(Api.keys("team-db"), jwt);
                for (long deadline = System.nanoTime() + 20_000_000_000L;
                     back.status() == 503 && System.nanoTime() < deadline; back = api.get(Api.keys("team-db"), jwt)) {
                    assertThat(back.errorCode()).isEqualTo("service_unavailable");
                    sleep(200);
                }
                assertThat(back.status()).isEqualTo(200);
                assertThat(back.list()).hasSize(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
