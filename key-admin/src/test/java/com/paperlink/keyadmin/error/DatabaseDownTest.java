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
                assertThat(api.get(Api.keys("team-db"), jwt).list()).hasSize(1);
            }
        }
    }
}
