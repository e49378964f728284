package com.paperlink.gateway.docs;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
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

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference page in a real headless Chromium: pre-authorized from {@code #key=}, code samples
 * per operation, and "Try it" on the products list through the whole gateway pipeline to a real
 * test-mode stub process. Screenshots land in {@code target/screenshots/}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsPageBrowserTest implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final TestDatabase database = TestDatabase.create("docs-browser");
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
        properties.put("micronaut.server.port", "-1"); // application.yml pins 8080 for bin/up
        for (String route : List.of("products", "documents")) {
            properties.put("gateway.routes." + route + ".path", "/" + route);
            // Both modes at the test stub: a live key would show unprefixed seeds, which this test never sends.
            properties.put("gateway.routes." + route + ".live-url", stub.baseUrl());
            properties.put("gateway.routes." + route + ".test-url", stub.baseUrl());
        }
        return properties;
    }

    @BeforeEach
    void openBrowserWithAFreshKey() {
        key = new TestKeys(database::connect).create("team_browser", KeyMode.TEST, KeyScope.READ_WRITE);
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
    void preAuthorizesFromTheFragmentAndForgetsIt() {
        browser.get(server.getURL() + "/api/docs#key=" + key.token());

        Object authorized = wait(browser).until(driver -> browser.executeScript(
                "return window.ui && window.ui.authSelectors.authorized().getIn(['bearerAuth', 'value']) || null;"));

        assertThat(authorized).isEqualTo(key.token());
        assertThat(browser.getCurrentUrl()).doesNotContain(key.token()).endsWith("/api/docs");
        assertThat(browser.findElement(By.cssSelector("button.authorize")).getAttribute("class")).contains("locked");
    }

    @Test
    void showsCodeSamplesInFourLanguagesPerOperation() {
        browser.get(server.getURL() + "/api/docs");
        WebElement operation = expand("operations-Products-listProducts");

        List<WebElement> tabs = operation.findElements(By.cssSelector(".pl-code-samples .pl-code-tab"));
        assertThat(tabs).extracting(WebElement::getText).containsExactly("cURL", "JavaScript", "Python", "Java");
        tabs.get(2).click();
        assertThat(operation.findElement(By.cssSelector(".pl-code-source pre")).getText())
                .contains("requests.get(", "\"http://localhost:8080/api/v1/products\"", "PAPERLINK_API_KEY");
        Browser.screenshot(browser, "api-docs-code-samples");
    }

    @Test
    void tryItListsTheTeamsTestProductsThroughTheGateway() {
        browser.get(server.getURL() + "/api/docs#key=" + key.token());
        wait(browser).until(driver -> browser.executeScript(
                "return window.ui && window.ui.authSelectors.authorized().getIn(['bearerAuth', 'value']) || null;"));
        WebElement operation = expand("operations-Products-listProducts");

        operation.findElement(By.cssSelector("button.execute")).click();
        WebElement status = wait(browser).until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation,
                By.cssSelector(".live-responses-table tr.response .response-col_status"))).get(0);
        String body = operation.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description")).getText();
        String requestUrl = operation.findElement(By.cssSelector(".request-url pre")).getText();
        Browser.screenshot(browser, "api-docs-try-it");

        assertThat(requestUrl).startsWith(server.getURL() + "/api/v1/products");
        assertThat(status.getText()).startsWith("200");
        assertThat(body).contains("\"data\"", "\"total\"", "[test] Recycled paper A4, 500 sheets");
    }

    @Test
    void runsUnderItsContentSecurityPolicyWithoutAViolation() {
        browser.get(server.getURL() + "/api/docs#key=" + key.token());
        expand("operations-Products-listProducts").findElement(By.cssSelector("button.execute")).click();
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".live-responses-table")));

        assertThat(Browser.consoleMessages(browser)).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private WebElement expand(String operationId) {
        WebElement operation = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id(operationId)));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait(browser).until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation, By.cssSelector(".pl-code-samples")));
        return operation;
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }
}
