package com.paperlink.stub;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test instance (STUB_MODE=test maps to stub.mode) serves a visibly different data set. */
@MicronautTest(transactional = false)
@Property(name = "stub.mode", value = "test")
class TestModeTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void seedsTestDataMarkedAsSuchAndNamesTheMode() {
        StubClient.Reply products = new StubClient(server.getURI(), json).get("/products", "team_demo");
        StubClient.Reply documents = new StubClient(server.getURI(), json).get("/documents", "team_demo");

        assertThat(products.header("X-Stub-Mode")).isEqualTo("test");
        assertThat((List<Map<String, Object>>) products.map().get("data"))
                .allSatisfy(p -> assertThat((String) p.get("name")).startsWith("[test] "));
        assertThat((List<Map<String, Object>>) documents.map().get("data"))
                .allSatisfy(d -> assertThat((String) d.get("title")).startsWith("[test] "));
    }
}
