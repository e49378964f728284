package com.paperlink.stub.documents;

import com.paperlink.stub.StubClient;
import com.paperlink.stub.StubClient.Reply;
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
class DocumentApiTest {

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
    void firstCallListsSeededDocumentsThatReferToSeededProducts() {
        Map<String, Object> page = stub.get("/documents", team).map();
        List<String> productIds = items(stub.get("/products", team).map()).stream().map(p -> (String) p.get("id")).toList();

        assertThat(page).containsEntry("total", 2);
        Map<String, Object> quote = items(page).get(0);
        assertThat(quote).containsEntry("kind", "quote").containsEntry("status", "published");
        assertThat(quote.get("productIds")).isEqualTo(productIds.subList(0, 2));
    }

    @Test
    void createsADraftReferringToTheTeamsProducts() {
        String productId = (String) items(stub.get("/products", team).map()).get(2).get("id");

        Reply created = stub.post("/documents", team,
                "{\"title\":\"Invoice 42\",\"kind\":\"invoice\",\"productIds\":[\"" + productId + "\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.map()).containsEntry("title", "Invoice 42").containsEntry("status", "draft")
                .containsEntry("productIds", List.of(productId));
        assertThat((String) created.map().get("id")).startsWith("doc_");
    }

    @Test
    void aDocumentWithoutProductsStillSendsAnEmptyProductIdsList() {
        Reply created = stub.post("/documents", team, "{\"title\":\"Datasheet\",\"kind\":\"datasheet\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.map()).containsEntry("productIds", List.of());
        assertThat(stub.get("/documents/" + created.map().get("id"), team).map()).containsEntry("productIds", List.of());
    }

    @Test
    void refusesAProductOfAnotherTeam() {
        String foreign = (String) items(stub.get("/products", "team_" + UUID.randomUUID()).map()).get(0).get("id");

        Reply reply = stub.post("/documents", team, "{\"title\":\"T\",\"kind\":\"quote\",\"productIds\":[\"" + foreign + "\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorMessage()).startsWith("productIds:");
    }

    @Test
    void refusesAnUnknownKindNamingTheField() {
        Reply reply = stub.post("/documents", team, "{\"title\":\"T\",\"kind\":\"poem\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).startsWith("kind:");
    }

    @Test
    void patchesOnlyTheSentFields() {
        Map<String, Object> seeded = items(stub.get("/documents", team).map()).get(1);

        Reply patched = stub.patch("/documents/" + seeded.get("id"), team, "{\"status\":\"archived\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.map()).containsEntry("status", "archived").containsEntry("title", seeded.get("title"))
                .containsEntry("kind", seeded.get("kind"));
    }

    @Test
    void deletesADocumentOnce() {
        String id = (String) items(stub.get("/documents", team).map()).get(0).get("id");

        assertThat(stub.delete("/documents/" + id, team).status()).isEqualTo(204);
        Reply again = stub.delete("/documents/" + id, team);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo("not_found");
        assertThat(stub.get("/documents", team).map()).containsEntry("total", 1);
    }

    @Test
    void requiresTheTeamHeader() {
        assertThat(stub.post("/documents", null, "{\"title\":\"T\",\"kind\":\"quote\"}").errorCode()).isEqualTo("missing_team");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("data");
    }
}
