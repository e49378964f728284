package com.paperlink.stub;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document generated at build time is in the jar and served. */
@MicronautTest(transactional = false)
class OpenApiDocumentTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void servesTheGeneratedDocumentWithEveryOperation() {
        StubClient.Reply reply = new StubClient(server.getURI(), json).get("/openapi/upstream-stub-1.0.yml", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("title: upstream-stub", "/products/{id}:", "/documents/{id}:",
                "ProductInput", "DocumentInput", "patch:", "delete:");
    }
}
