package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * key-admin's pages under their Content-Security-Policy in real headless Chromium: another origin
 * cannot frame the API Keys page, and the pages themselves run with no policy violation (nothing
 * inline was left behind).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageSecurityBrowserTest implements TestPropertyProvider {

    private final TestDatabase database = TestDatabase.create("pagesecurity");

    @Inject
    EmbeddedServer server;

    /** Another origin (its own port) that frames key-admin, and a third one that lets itself be framed. */
    private HttpServer attacker;
    private HttpServer framable;
    private Browser browser;

    @Override
    public Map<String, String> getProperties() {
        return KeyAdminTestConfig.properties(database);
    }

    @BeforeAll
    void startOtherOrigins() throws IOException {
        framable = serve("<!doctype html><title>framable</title><p id=\"hello\">Framed content renders here.</p>");
        attacker = serve("<!doctype html><title>Another site</title>"
                + "<iframe id=\"control\" src=\"http://localhost:" + framable.getAddress().getPort() + "/\"></iframe>"
                + "<iframe id=\"victim\" src=\"http://localhost:" + server.getPort() + "/\"></iframe>");
    }

    @AfterAll
    void stopEverything() {
        attacker.stop(0);
        framable.stop(0);
        database.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anotherOriginCannotFrameTheApiKeysPage() {
        browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
        // The control frame proves cross-origin frames render in this browser at all.
        browser.driver().switchTo().frame(browser.visible(By.id("control")));
        assertThat(browser.visible(By.id("hello")).getText()).contains("Framed content renders here");
        browser.driver().switchTo().defaultContent();

        WebElement victim = browser.visible(By.id("victim"));
        browser.until(d -> browser.consoleMessages().stream().anyMatch(m -> m.contains("frame-ancestors")) ? true : null);
        browser.driver().switchTo().frame(victim);
        assertThat(browser.driver().findElements(By.id("sign-in"))).isEmpty();
        assertThat(browser.driver().getTitle()).doesNotContain("API Keys");
        assertThat(browser.driver().getPageSource()).doesNotContain("Sign in to manage API keys");
        browser.driver().switchTo().defaultContent();
        browser.screenshot("framing-blocked");
    }

    @Test
    void apiKeysPageRunsWithoutAPolicyViolation() {
        browser.get("http://localhost:" + server.getPort() + "/");

        assertThat(browser.visible(KeysPage.SIGN_IN).getText()).contains("Sign in to manage API keys");
        assertThat(violations()).isEmpty();
    }

    @Test
    void swaggerUiRendersUnderThePolicyWithoutInlineScript() {
        browser.get("http://localhost:" + server.getPort() + "/swagger-ui/");

        assertThat(browser.visible(By.cssSelector(".swagger-ui .opblock")).getText()).contains("/admin/v1/teams/");
        assertThat(violations()).isEmpty();
        browser.screenshot("key-admin-swagger-ui");
    }

    private List<String> violations() {
        return browser.consoleMessages().stream().filter(m -> m.contains("Content Security Policy")).toList();
    }

    private static HttpServer serve(String html) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        http.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }
}
