package com.paperlink.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

class PublicUrlDefaultTest {

    @Test
    void pointsSamplesAndLlmsTextAtTheLocalGatewayWhenNoPublicUrlIsConfigured() {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            PublicApiDocument document = context.getBean(PublicApiDocument.class);

            assertThat(document.llmsText()).contains("- Base URL: http://localhost:8080\n")
                    .contains("- OpenAPI: http://localhost:8080/api/openapi.json");
            assertThat(document.json()).as("servers: relative, the gateway that served the document")
                    .contains("\"servers\":[{\"url\":\"/\"");
        }
    }
}
