package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The edit dialog in a browser: change a key's allowlist (checked as you type), expiry and routes on the API
 * Keys page (key-admin embedded), see them in the table, and see the real gateway (a process from its jar, on
 * this class's database) refuse the key from this machine's address once the allowlist excludes it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditKeyBrowserTest implements TestPropertyProvider {

    private static final String TEAM = "team-edit";

    private final TestDatabase database = TestDatabase.create("editkey");
    private final int gatewayPort = ServiceProcess.freePort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

    @BeforeAll
    void startGatewayAndStub() {
        stub = ServiceProcess.start("upstream-stub", ServiceProcess.moduleJar("upstream-stub"), ServiceProcess.freePort(),
                Map.of("STUB_MODE", "live"), List.of("-Xmx192m"));
        Map<String, String> env = new HashMap<>();
        env.put("JDBC_URL", database.jdbcUrl());
        env.put("JDBC_USER", TestDatabase.USER);
        env.put("JDBC_PASSWORD", TestDatabase.PASSWORD);
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
    void editsAllowlistExpiryAndRoutesAndTheGatewayEnforcesThem() throws Exception {
        try (Browser browser = Browser.open()) {
            KeysPage page = new KeysPage(browser, "http://localhost:" + server.getPort());
            page.openWithJwtLink(TestJwt.sign("u-edit", "Erin Edit", Map.of(TEAM, "ADMIN"))).awaitKeys("0 of 10 active keys");
            page.submitCreate("Signing integration", "live", "read_write", null);
            browser.click(By.id("key-route-documents"));
            page.confirmCreate();
            String token = page.createdToken();
            page.closeConfirmation();
            assertThat(page.row("Signing integration").findElement(By.cssSelector("td[data-label=Access]")).getText())
                    .contains("documents only").contains("Any IP address");
            assertThat(call(token, "/api/v1/documents")).isEqualTo(200);
            assertThat(call(token, "/api/v1/products")).isEqualTo(403);

            page.chooseFromMenu("Signing integration", "edit");
            browser.visible(By.id("edit-dialog"));
            WebElement ips = browser.visible(By.id("edit-ips"));
            ips.sendKeys("203.0.113.7\n10.0.0.300");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-ips-status"), "Line 2 is not"));
            assertThat(ips.getDomAttribute("aria-invalid")).isEqualTo("true");
            ips.sendKeys("\b\b\b\b\b\b\b\b\b\b2001:db8::/32");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-ips-status"), "✓ 2 valid"));
            browser.click(By.id("edit-expiry-at"));
            Instant expiry = Instant.now().plus(Duration.ofDays(30));
            browser.script("const input = document.getElementById('edit-expires');"
                    + "const d = new Date(" + expiry.toEpochMilli() + "); const p = (n) => String(n).padStart(2, '0');"
                    + "input.value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours())"
                    + " + ':' + p(d.getMinutes()); input.dispatchEvent(new Event('input'));");
            browser.click(By.id("edit-route-products"));
            browser.screenshot("edit-dialog");
            browser.click(By.id("edit-submit"));
            browser.gone(By.id("edit-dialog"));

            WebElement row = page.row("Signing integration");
            assertThat(row.findElement(By.cssSelector("td[data-label=Access]")).getText())
                    .contains("documents, products only").contains("203.0.113.7").contains("2001:db8::/32");
            assertThat(row.findElement(By.cssSelector("td[data-label=Status]")).getText()).contains("expires in");
            browser.screenshot("keys-page-edited");

            // This machine (127.0.0.1) is not on the list any more: refused within the revocation bound. Documents
            // were allowed before the edit, so their 403 shows the change arrived (a 403 on products would not:
            // the old route scope refuses them too).
            awaitStatus(token, "/api/v1/documents", 403, Duration.ofSeconds(10));
            HttpResponse<String> refused = get(token, "/api/v1/products");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"code\":\"ip_not_allowed\"");
        }
    }

    @Test
    void clearingTheAllowlistAndExpiryReopensTheKey() throws Exception {
        try (Browser browser = Browser.open()) {
            KeysPage page = new KeysPage(browser, "http://localhost:" + server.getPort());
            page.openWithJwtLink(TestJwt.sign("u-edit", "Erin Edit", Map.of(TEAM, "ADMIN")));
            browser.until(ExpectedConditions.textToBePresentInElementLocated(KeysPage.KEY_COUNT, "active keys"));
            page.submitCreate("Locked down", "live", "read_only", "198.51.100.1");
            page.confirmCreate();
            String token = page.createdToken();
            page.closeConfirmation();
            assertThat(call(token, "/api/v1/products")).isEqualTo(403);

            page.chooseFromMenu("Locked down", "edit");
            WebElement ips = browser.visible(By.id("edit-ips"));
            ips.clear();
            ips.sendKeys(" ");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-ips-status"), "Any address"));
            browser.click(By.id("edit-expiry-never"));
            browser.click(By.id("edit-submit"));
            browser.gone(By.id("edit-dialog"));

            assertThat(page.row("Locked down").findElement(By.cssSelector("td[data-label=Access]")).getText())
                    .contains("All routes").contains("Any IP address");
            awaitStatus(token, "/api/v1/products", 200, Duration.ofSeconds(10));
        }
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int call(String token, String path) throws Exception {
        return get(token, path).statusCode();
    }

    private void awaitStatus(String token, String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        while ((last = call(token, path)) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
