package com.paperlink.stub.echo;

import com.paperlink.stub.StubClient;
import com.paperlink.stub.StubClient.Reply;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class EchoApiTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void reflectsMethodRawPathQueryHeadersAndBodyLength() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/echo/a/b%20c?x=1&y=%2F"))
                .header("X-PaperLink-Team-Id", "team_1")
                .header("X-Custom", "one")
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> echo = json.readValue(response.body(), Map.class);
        assertThat(echo.get("method")).isEqualTo("PATCH");
        assertThat(echo.get("path")).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("query")).isEqualTo("x=1&y=%2F");
        assertThat(echo.get("bodyLength")).isEqualTo(100_000);
        assertThat(echo.get("mode")).isEqualTo("live");
        assertThat((Map<Object, Object>) echo.get("headers")).containsEntry("x-custom", List.of("one"))
                .containsEntry("x-paperlink-team-id", List.of("team_1"));
    }

    @Test
    void answersWithoutATeamHeader() {
        Reply reply = new StubClient(server.getURI(), json).get("/echo", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.map()).containsEntry("method", "GET").containsEntry("path", "/echo").containsEntry("bodyLength", 0);
    }

    @Test
    void answersWithTheStatusATestAsksFor() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/echo/fail"))
                .header("X-Echo-Status", "503").DELETE().build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readValue(response.body(), Map.class).get("method")).isEqualTo("DELETE");
    }

    @Test
    void answersHeadLikeGetWithoutABody() throws Exception {
        for (String path : List.of("/echo", "/echo/a/b")) {
            HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Stub-Mode")).as(path).contains("live");
            assertThat(response.body()).isEmpty();
        }
    }
}
