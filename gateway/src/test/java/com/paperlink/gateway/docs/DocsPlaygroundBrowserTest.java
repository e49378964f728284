package com.paperlink.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page's playground in headless Chromium: after Authorize it shows which key this is
 * (from {@code GET /api/v1/key}), and it keeps a replayable, clearable history of the requests made from
 * it in localStorage — never the key.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsPlaygroundBrowserTest implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final TestDatabase database = TestDatabase.create("docs-playground");
    private final ServiceProcess stub = ServiceProcess.start("stub-test", ServiceProcess.moduleJar("upstream-stub"),
            ServiceProcess.freePort(), Map.of("STUB_MODE", "test"), List.of("-XX:+UseSerialGC", "-Xmx128m"));

    @Inject
    EmbeddedServer server;

    ChromeDriver browser;
    TestKeys.Created key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        database.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("micronaut.server.port", "-1");
        for (String route : List.of("products", "documents")) {
            properties.put("gateway.routes." + route + ".path", "/" + route);
            properties.put("gateway.routes." + route + ".live-url", stub.baseUrl());
            properties.put("gateway.routes." + route + ".test-url", stub.baseUrl());
        }
        return properties;
    }

    @BeforeEach
    void openBrowserWithAFreshKey() {
        key = new TestKeys(database::connect).create("team_playground", KeyMode.TEST, KeyScope.READ_WRITE);
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterAll
    void stopEverything() {
        stub.stop();
        database.close();
    }

    @Test
    void showsTheKeyLineAfterAuthorizeInTheDialog() throws Exception {
        limitToProducts(key);
        browser.get(server.getURL() + "/api/docs");
        wait(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        WebElement input = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".auth-container input")));
        input.sendKeys(key.token());
        browser.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();

        WebElement line = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("pl-key-info")));
        wait(browser).until(ExpectedConditions.textToBePresentInElement(line, "per minute"));

        assertThat(line.getText()).isEqualTo("Authorized as " + key.token().substring(0, 12)
                + "… · test · read & write · products only · 60 per minute");
        assertThat(line.getText()).doesNotContain(key.token());
    }

    @Test
    void showsTheKeyLineWhenOpenedWithAKeyLink() {
        browser.get(server.getURL() + "/api/docs#key=" + key.token());

        WebElement line = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("pl-key-info")));
        wait(browser).until(ExpectedConditions.textToBePresentInElement(line, "per minute"));

        assertThat(line.getText()).contains("· test · read & write · all routes · 60 per minute");
    }

    @Test
    void keepsReplaysAndClearsTheHistoryWithoutTheKey() {
        browser.get(server.getURL() + "/api/docs#key=" + key.token());
        wait(browser).until(driver -> browser.executeScript(
                "return window.ui && window.ui.authSelectors.authorized().getIn(['bearerAuth', 'value']) || null;"));
        WebElement operation = wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.id("operations-Products-listProducts")));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait(browser).until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute"))))
                .click();
        wait(browser).until(ExpectedConditions.textToBe(By.id("pl-history-count"), "(1)"));

        // kept: in localStorage, across a reload, without the key
        String stored = (String) browser.executeScript("return localStorage.getItem('paperlink.docs.history');");
        assertThat(stored).contains("\"method\":\"GET\"", "\"path\":\"/api/v1/products", "\"status\":200")
                .doesNotContain(key.token()).doesNotContain("Bearer");
        browser.get("about:blank");
        browser.get(server.getURL() + "/api/docs#key=" + key.token());
        wait(browser).until(ExpectedConditions.textToBe(By.id("pl-history-count"), "(1)"));
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("pl-key-info")));
        browser.findElement(By.cssSelector("#pl-history summary")).click();
        List<WebElement> entries = browser.findElements(By.cssSelector("#pl-history-list li"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getText()).contains("GET /api/v1/products", "→ 200");

        // replayed: sent again with the authorized key, answered, and recorded
        entries.get(0).findElement(By.cssSelector("button.pl-replay")).click();
        wait(browser).until(ExpectedConditions.textToBe(By.id("pl-history-count"), "(2)"));
        WebElement result = browser.findElement(By.id("pl-replay-result"));
        wait(browser).until(ExpectedConditions.textToBePresentInElement(result, "→ 200"));
        assertThat(result.getText()).contains("\"data\"");
        Browser.screenshot(browser, "api-docs-history");

        // cleared
        browser.findElement(By.id("pl-history-clear")).click();
        wait(browser).until(ExpectedConditions.textToBe(By.id("pl-history-count"), "(0)"));
        assertThat(browser.findElements(By.cssSelector("#pl-history-list li"))).isEmpty();
        assertThat(browser.executeScript("return localStorage.getItem('paperlink.docs.history');")).isNull();
    }

    @Test
    void keepsSmallRequestBodiesButNeverOnesOverTenKilobytes() {
        browser.get(server.getURL() + "/api/docs");
        wait(browser).until(driver -> browser.executeScript(
                "return window.ui && window.ui.getConfigs().requestInterceptor ? 1 : null;"));

        // Through the interceptors Swagger UI calls for every Execute, as it calls them.
        browser.executeScript("""
                const configs = window.ui.getConfigs();
                const url = location.origin + '/api/v1/documents';
                configs.requestInterceptor({ url: url, method: 'POST', body: '{"title":"small"}',
                  headers: { Authorization: 'Bearer pk_test_secret' } });
                configs.responseInterceptor({ url: url, status: 201 });
                configs.requestInterceptor({ url: url, method: 'POST', body: '{"title":"' + 'x'.repeat(10 * 1024) + '"}' });
                configs.responseInterceptor({ url: url, status: 400 });
                """);

        String stored = (String) browser.executeScript("return localStorage.getItem('paperlink.docs.history');");
        assertThat(stored).contains("small", "\"status\":201", "\"status\":400")
                .doesNotContain("xxxxxxxxxx").doesNotContain("pk_test_secret");
    }

    private void limitToProducts(TestKeys.Created key) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("UPDATE api_key SET routes = 'products' WHERE id = ?")) {
            s.setString(1, key.id());
            s.executeUpdate();
        }
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }
}
