package com.paperlink.keyadmin.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** The framework's own errors have our shape too, and the public endpoints need no token. */
@MicronautTest(transactional = false)
class ErrorShapeTest extends KeyAdminTest {

    private final String owner = TestJwt.owner("u-e", "team-e");

    @Test
    void unknownRouteIsNotFoundWithTheErrorShape() {
        Reply reply = api.get("/no/such/route", owner);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
        assertThat(reply.error()).containsKeys("message", "requestId");
    }

    @Test
    void unknownRouteWithoutTokenIsAlsoNotFound() {
        assertThat(api.get("/admin/v2/nothing", null).errorCode()).isEqualTo("not_found");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        Reply reply = api.call(HttpRequest.DELETE(Api.keys("team-e")).bearerAuth(owner));
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void requestIdIsEchoedInBodyAndHeader() {
        Reply reply = api.call(HttpRequest.GET(Api.keys("team-e")).header("X-Request-Id", "trace-123"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).containsEntry("requestId", "trace-123");
        assertThat(reply.headers().get("X-Request-Id")).isEqualTo("trace-123");
    }

    @Test
    void insaneRequestIdIsReplaced() {
        Reply reply = api.call(HttpRequest.GET(Api.keys("team-e")).header("X-Request-Id", "<script>"));
        assertThat((String) reply.error().get("requestId")).isNotEqualTo("<script>").isNotBlank();
    }

    @Test
    void healthAndPrometheusAreAnonymous() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        Reply metrics = api.get("/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServedLocally() {
        Reply spec = api.get("/swagger/paperlink-key-admin-1.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("/admin/v1/teams/{teamId}/keys", "bearerAuth");
        Reply ui = api.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("paperlink-key-admin-1.yml").doesNotContain("cdn.", "unpkg.com");
    }
}
