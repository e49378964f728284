package com.paperlink.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.RouteWalk;
import com.paperlink.keys.testing.RouteWalk.Probe;
import com.paperlink.keys.testing.SecurityHeaderChecks;
import com.paperlink.keys.web.SecurityHeaders;
import io.micronaut.context.BeanContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
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
import org.junit.jupiter.api.TestInstance;

/**
 * Every answer the gateway serves through Micronaut — each route from its router (the reference,
 * health, metrics), the framework's 404 and 405 — carries the header policy over real HTTP. The
 * {@code /api/v1} proxy path is not a Micronaut route and answers for itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest implements TestPropertyProvider {

    /** The one trusted proxy; the tests' own connections come from 127.0.0.1, which is not trusted. */
    private static final String PROXY = "127.0.0.2";
    private static final String DOCS_ASSETS = "/api/docs/assets/";

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    BeanContext beans;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("gateway.trusted-proxies", PROXY);
    }

    @Test
    void everyRouteAnswersWithTheHeaderPolicy() throws Exception {
        List<Probe> probes = RouteWalk.of(router, beans.getBeansOfType(StaticResourceConfiguration.class),
                Map.of("name", "docs.js", "selector", "liveness"));
        assertThat(probes).extracting(Probe::toString).contains("route GET /api/docs", "route GET /api/docs/assets/docs.js",
                "route GET /api/openapi.yml", "route GET /api/openapi.json", "route GET /api/llms.txt",
                "route GET /health", "route GET /prometheus");

        List<String> problems = new ArrayList<>();
        for (Probe probe : probes) {
            HttpResponse<String> response = send(probe);
            boolean asset = probe.path().startsWith(DOCS_ASSETS) && response.statusCode() == 200;
            List<String> wrong = new ArrayList<>(SecurityHeaderChecks.problems(response.headers(),
                    SecurityHeaders.SWAGGER_UI_PAGE_POLICY, false));
            wrong.addAll(SecurityHeaderChecks.cacheControl(response.headers(),
                    asset ? "public, max-age=3600" : SecurityHeaders.NO_STORE));
            wrong.forEach(problem -> problems.add(probe + " → " + response.statusCode() + ": " + problem));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theReferencePageGetsItsPagePolicyOnce() throws Exception {
        HttpResponse<String> page = get("/api/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(SecurityHeaders.SWAGGER_UI_PAGE_POLICY);
        assertThat(page.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\sstyle=")
                .doesNotContain("<style");
    }

    @Test
    void sendsStrictTransportSecurityOnlyWhenTheTrustedProxySaysHttps() throws Exception {
        assertThat(rawGetFrom(PROXY, "/health", "X-Forwarded-Proto: https"))
                .containsIgnoringCase("Strict-Transport-Security: max-age=31536000");
        assertThat(rawGetFrom(PROXY, "/health", "X-Forwarded-Proto: http")).doesNotContainIgnoringCase("Strict-Transport-Security");
        HttpResponse<String> untrusted = http.send(HttpRequest.newBuilder(uri("/health"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untrusted.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = switch (probe.method()) {
            case "POST", "PUT", "PATCH" -> HttpRequest.BodyPublishers.ofString("{}");
            default -> HttpRequest.BodyPublishers.noBody();
        };
        return http.send(HttpRequest.newBuilder(uri(probe.path())).header("Content-Type", "application/json")
                .method(probe.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET from a chosen local address (the JDK client cannot bind one): the raw answer as text. */
    private String rawGetFrom(String localAddress, String path, String extraHeader) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5000);
            socket.setSoTimeout(10000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extraHeader + "\r\n\r\n";
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
