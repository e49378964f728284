package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The whole newcomer path in a browser: create a key on the API Keys page (key-admin embedded),
 * follow "Open API docs with this key" to the real gateway's reference page, and "Try it" on the
 * products list through the gateway to the real upstream stub. The gateway and the stub run as
 * processes from their jars and share this class's PostgreSQL database with key-admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsTryItBrowserTest implements TestPropertyProvider {

    private static final String TEAM = "team-docs";

    private final TestDatabase database = TestDatabase.create("docstryit");
    private final int gatewayPort = ServiceProcess.freePort();
    private ServiceProcess stub;
    private ServiceProcess gateway;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(KeyAdminTestConfig.properties(database));
        properties.put("key-admin.public-gateway-url", "http://localhost:" + gatewayPort);
        return properties;
    }

    /** After key-admin started (and migrated the schema), so the gateway finds its tables. */
    @BeforeAll
    void startGatewayAndStub() {
        stub = ServiceProcess.start("upstream-stub", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "live"), List.of("-Xmx192m"));
        Map<String, String> env = new HashMap<>();
        env.put("JDBC_URL", database.jdbcUrl());
        env.put("JDBC_USER", TestDatabase.USER);
        env.put("JDBC_PASSWORD", TestDatabase.PASSWORD);
        // Only a live key is used here: both modes may point at the one live stub.
        for (String route : List.of("PRODUCTS", "DOCUMENTS")) {
            env.put("GATEWAY_ROUTES_" + route + "_LIVE_URL", stub.baseUrl());
            env.put("GATEWAY_ROUTES_" + route + "_TEST_URL", stub.baseUrl());
        }
        gateway = ServiceProcess.start("gateway", ServiceProcess.moduleJar("gateway"), gatewayPort, env, List.of("-Xmx256m"));
    }

    @AfterAll
    void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        if (stub != null) {
            stub.close();
        }
        database.close();
    }

    @Test
    void createsKeyOpensDocsWithItAndTriesTheProductsList() throws Exception {
        try (Browser browser = Browser.open()) {
            KeysPage page = new KeysPage(browser, "http://localhost:" + server.getPort());
            page.openWithJwtLink(TestJwt.sign("u-docs", "Dana Docs", Map.of(TEAM, "ADMIN"))).awaitKeys("0 of 10 active keys");
            page.submitCreate("Docs try-out", "live", "read_only", null);
            page.confirmCreate();
            String token = page.createdToken();
            assertThat(browser.visible(KeysPage.DOCS_LINK).getDomAttribute("href"))
                    .isEqualTo("http://localhost:" + gatewayPort + "/api/docs#key=" + token);

            String keysTab = browser.driver().getWindowHandle();
            browser.click(KeysPage.DOCS_LINK);
            browser.switchToNewTab(keysTab);
            DocsPage docs = new DocsPage(browser);
            docs.awaitLoaded();
            browser.until(d -> !d.getCurrentUrl().contains(token));
            browser.screenshot("docs-with-key");

            DocsPage.TryItResult result = docs.tryIt("get", "/products");

            assertThat(result.status()).isEqualTo("200");
            assertThat(result.body().strip()).startsWith("{");
            browser.screenshot("docs-try-it");
            assertThat(Files.readString(gateway.log())).contains("/api/v1/products").doesNotContain(token);
        }
    }
}
