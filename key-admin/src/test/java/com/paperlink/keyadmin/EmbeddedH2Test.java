package com.paperlink.keyadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database settings at all, key-admin runs on the embedded H2 file and works. */
class EmbeddedH2Test {

    @TempDir
    Path dataDir;

    @Test
    void startsOnTheEmbeddedDefaultAndCreatesAKey() {
        Map<String, Object> props = Map.of(
                "paperlink.data-dir", dataDir.toString(),
                "key-admin.jwt-secret", TestJwt.SECRET,
                "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
             HttpClient client = HttpClient.create(server.getURL())) {
            assertThat(server.getApplicationContext().getProperty("datasources.default.url", String.class))
                    .hasValueSatisfying(url -> assertThat(url).startsWith("jdbc:h2:file:"));
            Api api = new Api(client.toBlocking(), server.getApplicationContext().getBean(JsonMapper.class));
            String jwt = TestJwt.owner("u-h2", "team-h2");

            Api.Reply created = api.create("team-h2", jwt, "on H2");
            assertThat(created.status()).isEqualTo(201);
            assertThat(api.create("team-h2", jwt, "second").status()).isEqualTo(201);
            assertThat(api.get(Api.keys("team-h2"), jwt).list()).hasSize(2);
            assertThat(api.revoke("team-h2", created.get("id"), jwt).map()).containsEntry("status", "revoked");
            assertThat(api.patch(Api.keys("team-h2") + "/" + created.get("id"), jwt, "{\"name\":\"x\"}").status())
                    .isEqualTo(409);
            assertThat(api.get("/admin/v1/teams/team-h2/audit", jwt).list()).hasSize(3);
        }
        assertThat(Files.exists(dataDir.resolve("paperlink.mv.db"))).isTrue();
    }
}
