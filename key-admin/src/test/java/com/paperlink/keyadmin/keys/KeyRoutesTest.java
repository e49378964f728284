package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A key's {@code routes}: names from the gateway's route table (the defaults plus {@code orders}, added the
 * way an operator's route file would), set on create, changed by PATCH, unknown names refused naming the field.
 */
@MicronautTest(transactional = false)
class KeyRoutesTest extends KeyAdminTest {

    private static final String TEAM = "team-routes";
    private final String owner = TestJwt.owner("u-r", TEAM);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gateway.routes.orders.path", "/orders");
    }

    @Test
    void createsAKeyLimitedToDocuments() {
        Reply reply = create("{\"name\":\"signing\",\"mode\":\"live\",\"scope\":\"read_write\",\"routes\":[\"documents\"]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.map().get("routes")).isEqualTo(List.of("documents"));
        assertThat(reply.get("curlExample")).endsWith("/api/v1/documents");
        assertThat(api.get(Api.keys(TEAM) + "/" + reply.get("id"), owner).map().get("routes"))
                .isEqualTo(List.of("documents"));
    }

    @Test
    void acceptsARouteFromTheOperatorsRouteFileAndKeepsNamesSortedAndUnique() {
        Reply reply = create("{\"name\":\"o\",\"mode\":\"test\",\"scope\":\"read_only\","
                + "\"routes\":[\"orders\",\"documents\",\"orders\"]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.map().get("routes")).isEqualTo(List.of("documents", "orders"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            absent         | {"name":"a","mode":"live","scope":"read_only"}
            null           | {"name":"a","mode":"live","scope":"read_only","routes":null}
            empty          | {"name":"a","mode":"live","scope":"read_only","routes":[]}
            """)
    void keyWithoutRoutesReachesEveryRoute(String label, String body) {
        Reply reply = create(body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.map()).containsEntry("routes", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown name     | ["documents","billing"]   | routes[1] is not a gateway route: "billing"
            wrong case       | ["Documents"]             | routes[0] is not a gateway route: "Documents"
            a string         | "documents"               | routes must be an array
            a number entry   | [1]                       | routes entries must be strings
            a null entry     | [null]                    | routes entries must be strings
            """)
    void refusesRoutesThatAreNotGatewayRouteNames(String label, String routes, String message) {
        Reply reply = create("{\"name\":\"a\",\"mode\":\"live\",\"scope\":\"read_only\",\"routes\":" + routes + "}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorField()).isEqualTo("routes");
        assertThat((String) reply.error().get("message")).contains(message);
    }

    @Test
    void unknownRouteInAPatchIsRefusedAndChangesNothing() {
        String id = create("{\"name\":\"p\",\"mode\":\"live\",\"scope\":\"read_only\",\"routes\":[\"products\"]}").get("id");

        Reply reply = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"routes\":[\"nope\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorField()).isEqualTo("routes");
        assertThat(api.get(Api.keys(TEAM) + "/" + id, owner).map().get("routes")).isEqualTo(List.of("products"));
    }

    @Test
    void patchChangesAndClearsRoutesAndAuditsEachChange() {
        String id = create("{\"name\":\"q\",\"mode\":\"live\",\"scope\":\"read_only\"}").get("id");

        Reply limited = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"routes\":[\"documents\"]}");
        Reply renamed = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"name\":\"q2\"}");
        Reply cleared = api.patch(Api.keys(TEAM) + "/" + id, owner, "{\"routes\":[]}");

        assertThat(limited.map().get("routes")).isEqualTo(List.of("documents"));
        assertThat(renamed.map().get("routes")).as("a PATCH without routes keeps them").isEqualTo(List.of("documents"));
        assertThat(cleared.map()).containsEntry("routes", null);
        List<String> details = api.get("/admin/v1/teams/" + TEAM + "/audit", owner).list().stream()
                .filter(entry -> id.equals(entry.get("keyId"))).map(entry -> String.valueOf(entry.get("details"))).toList();
        assertThat(details).contains("routes all → documents", "routes documents → all");
    }

    private Reply create(String body) {
        return api.post(Api.keys(TEAM), owner, body);
    }
}
