package com.paperlink.stub.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer the stub gives — each route from its router and each static file, with and without
 * the team header (so the early 400s are walked too), plus the framework's 404 and 405 — carries the
 * header policy over real HTTP.
 */
@MicronautTest(transactional = false)
class SecurityHeadersTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    BeanContext beans;

    @Test
    void everyRouteAndStaticFileAnswersWithTheHeaderPolicy() throws Exception {
        List<Probe> probes = RouteWalk.of(router, beans.getBeansOfType(StaticResourceConfiguration.class),
                Map.of("id", "prd_sample", "selector", "liveness", "path", "a/b"));
        assertThat(probes).extracting(Probe::toString).contains("route GET /products", "route POST /documents",
                "route DELETE /products/prd_sample", "route GET /echo/a/b", "route GET /health", "route GET /prometheus",
                "static GET /openapi/upstream-stub-1.0.yml");

        List<String> problems = new ArrayList<>();
        for (Probe probe : probes) {
            for (String team : new String[] {null, "team_headers"}) {
                HttpResponse<String> response = send(probe, team);
                String what = probe + (team == null ? " (no team) → " : " (team) → ") + response.statusCode() + ": ";
                SecurityHeaderChecks.problems(response.headers(), SecurityHeaders.STRICT_PAGE_POLICY, false)
                        .forEach(problem -> problems.add(what + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    private HttpResponse<String> send(Probe probe, String team) throws Exception {
        HttpRequest.BodyPublisher body = switch (probe.method()) {
            case "POST", "PUT", "PATCH" -> HttpRequest.BodyPublishers.ofString("{}");
            default -> HttpRequest.BodyPublishers.noBody();
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + probe.path()))
                .header("Content-Type", "application/json").method(probe.method(), body);
        if (team != null) {
            request.header(StubHeadersFilter.TEAM_HEADER, team);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
