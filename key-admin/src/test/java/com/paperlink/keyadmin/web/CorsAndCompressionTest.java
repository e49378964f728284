package com.paperlink.keyadmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * key-admin over real HTTP: browsers on a listed origin get their preflight before any token is asked for,
 * others the error shape; answers come only in a coding the client listed (never Micronaut's {@code snappy}).
 */
@MicronautTest(transactional = false)
class CorsAndCompressionTest extends KeyAdminTest {

    /*
     * Local origins: the test server listens on 127.0.0.1, where Micronaut's own drive-by-localhost guard refuses
     * every non-local origin before this service's policy is asked (a deployed key-admin has no such guard).
     */
    private static final String APP = "http://localhost:3000";
    private static final String OTHER = "http://localhost:4000";
    private static final String TEAM = "team-cors";

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("key-admin.cors.allowed-origins", APP);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    @Test
    void aListedOriginGetsThePreflightWithoutAToken() throws Exception {
        HttpResponse<String> response = http.send(request("/admin/v1/teams/" + TEAM + "/keys")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, PATCH");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization", "Content-Type");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void anotherOriginIsRefusedInTheErrorShape() throws Exception {
        HttpResponse<String> response = http.send(request("/admin/v1/teams/" + TEAM + "/keys")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", OTHER)
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).matches("\\{\"error\":\\{\"code\":\"origin_not_allowed\",\"message\":\".+\",\"requestId\":\"[^\"]+\"}}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void answersToAListedOriginCarryTheAllowOriginHeader() throws Exception {
        HttpResponse<String> response = http.send(request("/admin/v1/teams/" + TEAM + "/keys").header("Origin", APP)
                .header("Authorization", "Bearer " + TestJwt.owner("u-cors", TEAM)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = http.send(request("/admin/v1/teams/" + TEAM + "/keys").header("Origin", OTHER)
                .header("Authorization", "Bearer " + TestJwt.owner("u-cors", TEAM)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Request-Id");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"* | gzip", "snappy | identity", "snappy, * | gzip", "gzip;q=0, * | deflate",
            "gzip | gzip", "br | identity"})
    void answersOnlyInACodingTheClientListed(String acceptEncoding, String expected) throws Exception {
        HttpResponse<byte[]> response = http.send(request("/swagger/paperlink-key-admin-1.yml")
                .header("Accept-Encoding", acceptEncoding).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        String coding = response.headers().firstValue("Content-Encoding").orElse("identity");
        assertThat(coding).isEqualTo(expected);
        byte[] body = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                : coding.equals("deflate") ? new java.util.zip.InflaterInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                : response.body();
        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("openapi:");
    }
}
