package com.paperlink.keyadmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.testing.RouteWalk;
import com.paperlink.keys.testing.RouteWalk.Probe;
import com.paperlink.keys.testing.SecurityHeaderChecks;
import com.paperlink.keys.web.SecurityHeaders;
import io.micronaut.context.BeanContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.resource.StaticResourceConfiguration;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer key-admin gives — each route from its router and each static file from its resource
 * mappings, anonymous and signed in, plus the framework's 404 and 405 — carries the header policy
 * over real HTTP. A new page or endpoint is walked without anyone adding it here.
 */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends KeyAdminTest {

    private static final String TEAM = "team-headers";
    /** The one trusted proxy; the tests' own connections come from 127.0.0.1, which is not trusted. */
    private static final String PROXY = "127.0.0.2";

    private final String owner = TestJwt.owner("u-headers", TEAM);
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    BeanContext beans;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("key-admin.trusted-proxies", PROXY);
    }

    @Test
    void everyRouteAndStaticFileAnswersWithTheHeaderPolicy() throws Exception {
        String keyId = api.create(TEAM, owner, "walked").get("id");
        List<Probe> probes = RouteWalk.of(router, beans.getBeansOfType(StaticResourceConfiguration.class),
                Map.of("teamId", TEAM, "keyId", keyId, "selector", "liveness"));
        assertThat(probes).extracting(Probe::toString).contains(
                "route POST /admin/v1/teams/" + TEAM + "/keys", "route GET /admin/v1/teams/" + TEAM + "/audit",
                "route GET /app-config.json", "route GET /health", "route GET /prometheus",
                "static GET /", "static GET /app.js", "static GET /app.css", "static GET /swagger-ui/start.js",
                "static GET /swagger/paperlink-key-admin-1.yml");

        List<String> problems = new ArrayList<>();
        for (Probe probe : probes) {
            for (String jwt : new String[] {null, owner}) {
                HttpResponse<String> response = send(probe, jwt);
                String what = probe + (jwt == null ? " (anonymous) → " : " (signed in) → ") + response.statusCode() + ": ";
                boolean file = probe.kind().equals("static") && response.statusCode() == 200;
                String pagePolicy = probe.path().startsWith("/swagger-ui")
                        ? SecurityHeaders.SWAGGER_UI_PAGE_POLICY : SecurityHeaders.STRICT_PAGE_POLICY;
                List<String> wrong = new ArrayList<>(SecurityHeaderChecks.problems(response.headers(), pagePolicy, false));
                wrong.addAll(SecurityHeaderChecks.cacheControl(response.headers(),
                        file ? SecurityHeaders.REVALIDATE : SecurityHeaders.NO_STORE));
                wrong.forEach(problem -> problems.add(what + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theApiKeysPageIsServedWithTheStrictPagePolicyAndHasNothingInline() throws Exception {
        HttpResponse<String> page = get("/", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.STRICT_PAGE_POLICY);
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\sstyle=").doesNotContain("<style").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void createAnswerWithTheOneTimeTokenIsNeverStored() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(Api.keys(TEAM)))
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"CI\",\"mode\":\"test\",\"scope\":\"read_only\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"token\":\"pk_test_");
        assertThat(created.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(SecurityHeaderChecks.problems(created.headers(), SecurityHeaders.STRICT_PAGE_POLICY, false)).isEmpty();
    }

    @Test
    void aRevalidatedStaticFileKeepsThePolicy() throws Exception {
        HttpResponse<String> first = get("/app.js", Map.of());
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<String> again = get("/app.js", Map.of("If-Modified-Since", lastModified));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(SecurityHeaderChecks.problems(again.headers(), SecurityHeaders.STRICT_PAGE_POLICY, false)).isEmpty();
        assertThat(again.headers().allValues("Cache-Control")).containsExactly("no-cache");
    }

    @Test
    void sendsStrictTransportSecurityWhenTheTrustedProxySaysHttps() throws Exception {
        String answer = rawGetFrom(PROXY, "/", "X-Forwarded-Proto: https");

        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("Strict-Transport-Security: max-age=31536000");
    }

    @Test
    void trustedProxySayingHttpGetsNoStrictTransportSecurity() throws Exception {
        assertThat(rawGetFrom(PROXY, "/", "X-Forwarded-Proto: http")).startsWith("HTTP/1.1 200")
                .doesNotContainIgnoringCase("Strict-Transport-Security");
        assertThat(rawGetFrom(PROXY, "/", null)).doesNotContainIgnoringCase("Strict-Transport-Security");
    }

    @Test
    void ignoresForwardedProtoFromAnyoneElse() throws Exception {
        HttpResponse<String> response = get("/", Map.of("X-Forwarded-Proto", "https"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> send(Probe probe, String jwt) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(probe.path()));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        if (probe.method().equals("POST") || probe.method().equals("PUT") || probe.method().equals("PATCH")) {
            request.header("Content-Type", "application/json").method(probe.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(probe.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET from a chosen local address (the JDK client cannot bind one): the raw answer as text. */
    private String rawGetFrom(String localAddress, String path, String extraHeader) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5000);
            socket.setSoTimeout(10000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (extraHeader == null ? "" : extraHeader + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}
