package com.paperlink.stub.products;

import com.paperlink.stub.StubClient;
import com.paperlink.stub.StubClient.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@Property(name = "stub.max-items-per-team", value = "5")
class ProductApiTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    StubClient stub;
    String team;

    @BeforeEach
    void setUp() {
        stub = new StubClient(server.getURI(), json);
        team = "team_" + UUID.randomUUID();
    }

    @Test
    void firstCallOfATeamListsThreeSeededLiveProducts() {
        Reply reply = stub.get("/products", team);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Stub-Mode")).isEqualTo("live");
        Map<String, Object> page = reply.map();
        assertThat(page).containsEntry("total", 3).containsEntry("page", 1).containsEntry("size", 20);
        assertThat(items(page)).extracting(p -> (String) p.get("name"))
                .containsExactly("Recycled paper A4, 500 sheets", "Fountain pen, matte black", "Archive box, set of 10");
        assertThat(items(page).get(0)).containsEntry("price", "6.90").containsEntry("currency", "EUR")
                .containsKeys("id", "sku", "stock", "createdAt", "updatedAt");
    }

    @Test
    void pagesWithPageAndSizeOrLimitAndOffset() {
        List<Map<String, Object>> all = items(stub.get("/products", team).map());

        Map<String, Object> second = stub.get("/products?page=2&size=2", team).map();
        Map<String, Object> offset = stub.get("/products?limit=1&offset=1", team).map();

        assertThat(second).containsEntry("total", 3).containsEntry("page", 2).containsEntry("size", 2);
        assertThat(items(second)).containsExactly(all.get(2));
        assertThat(items(offset)).containsExactly(all.get(1));
    }

    @Test
    void refusesABadPageSizeNamingTheParameter() {
        Reply reply = stub.get("/products?size=1000", team);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorMessage()).startsWith("size:");
    }

    @Test
    void createsGetsPatchesAndDeletesAProduct() {
        Reply created = stub.post("/products", team, "{\"name\":\"Stapler\",\"sku\":\"STA-1\",\"price\":12.5,\"stock\":4}");
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.map().get("id");
        assertThat(id).startsWith("prod_");
        assertThat(created.map()).containsEntry("price", "12.50").containsEntry("currency", "EUR").containsEntry("stock", 4);

        assertThat(stub.get("/products/" + id, team).map()).isEqualTo(created.map());

        Reply patched = stub.patch("/products/" + id, team, "{\"price\":\"11.00\",\"currency\":\"USD\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.map()).containsEntry("name", "Stapler").containsEntry("price", "11.00")
                .containsEntry("currency", "USD").containsEntry("createdAt", created.map().get("createdAt"));

        assertThat(stub.delete("/products/" + id, team).status()).isEqualTo(204);
        Reply gone = stub.get("/products/" + id, team);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found");
    }

    @Test
    void refusesAnInvalidProductNamingTheField() {
        Reply missingPrice = stub.post("/products", team, "{\"name\":\"Stapler\",\"sku\":\"STA-1\"}");
        Reply badCurrency = stub.post("/products", team, "{\"name\":\"S\",\"sku\":\"S-1\",\"price\":1,\"currency\":\"euro\"}");
        Reply readOnly = stub.patch("/products/" + firstId(), team, "{\"id\":\"prod_other\"}");

        assertThat(missingPrice.status()).isEqualTo(400);
        assertThat(missingPrice.errorCode()).isEqualTo("validation_failed");
        assertThat(missingPrice.errorMessage()).startsWith("price:");
        assertThat(badCurrency.errorMessage()).startsWith("currency:");
        assertThat(readOnly.errorMessage()).startsWith("id:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersUnreadableJsonWithTheErrorShape() {
        Reply reply = stub.post("/products", team, "{not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("bad_request");
        assertThat((Map<Object, Object>) reply.map().get("error")).containsKey("requestId");
    }

    @Test
    void unknownIdIsNotFoundForGetPatchAndDelete() {
        assertThat(stub.get("/products/prod_nope", team).status()).isEqualTo(404);
        assertThat(stub.patch("/products/prod_nope", team, "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(stub.delete("/products/prod_nope", team).errorCode()).isEqualTo("not_found");
    }

    @Test
    void teamsNeverSeeEachOthersProducts() {
        String id = (String) stub.post("/products", team, "{\"name\":\"Mine\",\"sku\":\"M-1\",\"price\":1}").map().get("id");
        String other = "team_" + UUID.randomUUID();

        assertThat(stub.get("/products/" + id, other).status()).isEqualTo(404);
        assertThat(stub.get("/products", other).map()).containsEntry("total", 3);
        assertThat(stub.get("/products", team).map()).containsEntry("total", 4);
    }

    @Test
    void refusesACreateBeyondTheTeamCap() {
        stub.post("/products", team, "{\"name\":\"A\",\"sku\":\"A\",\"price\":1}");
        stub.post("/products", team, "{\"name\":\"B\",\"sku\":\"B\",\"price\":1}");

        Reply sixth = stub.post("/products", team, "{\"name\":\"C\",\"sku\":\"C\",\"price\":1}");

        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.errorCode()).isEqualTo("limit_reached");
    }

    @Test
    void requiresTheTeamHeader() {
        Reply reply = stub.get("/products", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("missing_team");
        assertThat(reply.header("X-Stub-Mode")).isEqualTo("live");
    }

    @Test
    void refusesAMalformedTeamHeader() {
        Reply reply = stub.get("/products", "team with spaces");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).startsWith("X-PaperLink-Team-Id:");
    }

    @Test
    void refusesAnOversizedBodyBeforeReadingIt() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";

        Reply reply = stub.post("/products", team, big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void answersFrameworkErrorsInTheErrorShape() {
        Reply wrongMethod = stub.send("PUT", "/products", team, "{}");
        Reply noRoute = stub.get("/nowhere", team);

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.errorCode()).isEqualTo("not_found");
    }

    private String firstId() {
        return (String) items(stub.get("/products", team).map()).get(0).get("id");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("data");
    }
}
