package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Roll, disable/enable and the per-key rate limit on the API Keys page, in headless Chromium against an embedded
 * key-admin on a private PostgreSQL database; each test in its own team.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyLifecyclePageBrowserTest implements TestPropertyProvider {

    private final TestDatabase database = TestDatabase.create("keylifecyclepage");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Browser browser;
    private String team;
    private String ownerJwt;

    @Override
    public Map<String, String> getProperties() {
        return KeyAdminTestConfig.properties(database);
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
        team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        ownerJwt = TestJwt.sign("u-owner", "Ada Admin", Map.of(team, "OWNER"));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void rollsAKeyWithAGracePeriodShowsTheNewTokenOnceAndBothKeys() {
        String oldId = (String) api().createKey(team, "CRM sync", "live", "read_write").get("id");
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("1 of 10 active keys");

        page.chooseFromMenu("CRM sync", "roll");
        browser.visible(By.id("roll-dialog"));
        assertThat(browser.visible(By.id("roll-text")).getText()).contains("same name");
        new Select(browser.visible(By.id("roll-grace"))).selectByValue("3600");
        browser.screenshot("roll-dialog");
        browser.click(By.id("roll-confirm"));

        String token = page.createdToken();
        assertThat(token).matches("^pk_live_[0-9A-Za-z]{36}$");
        assertThat(browser.visible(By.id("created-title")).getText()).isEqualTo("Your rolled API key");
        assertThat(browser.visible(By.id("created")).getText()).contains("cannot be shown again");
        browser.screenshot("roll-token");
        page.closeConfirmation();

        page.awaitKeys("2 of 10 active keys");
        List<Map<String, Object>> keys = api().listKeys(team);
        String newId = keys.stream().map(k -> (String) k.get("id")).filter(id -> !id.equals(oldId)).findFirst().orElseThrow();
        WebElement oldRow = row(oldId);
        assertThat(oldRow.findElement(By.cssSelector(".cell-status")).getText())
                .contains("Active").contains("Rolled").containsPattern("expires in (60 minutes|1 hour)");
        assertThat(oldRow.findElements(By.cssSelector("[data-action=roll]"))).isEmpty();
        assertThat(row(newId).getText()).contains("CRM sync").contains(token.substring(0, 12)).doesNotContain("expires")
                .doesNotContain(token);
        assertThat(browser.driver().getPageSource()).doesNotContain(token);
        browser.screenshot("rolled-keys");
    }

    @Test
    void rollShowsTheApiErrorWhenTheKeyWasRolledElsewhere() {
        Map<String, Object> key = api().createKey(team, "Raced", "live", "read_write");
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("1 of 10 active keys");
        page.chooseFromMenu("Raced", "roll");
        browser.visible(By.id("roll-dialog"));
        AdminApi.Response elsewhere = api().rollRaw(team, (String) key.get("id"));
        assertThat(elsewhere.status()).isEqualTo(201);

        browser.click(By.id("roll-confirm"));

        browser.textIn(By.id("roll-alert"), "already rolled");
        assertThat(browser.visible(By.id("roll-dialog")).isDisplayed()).isTrue();
    }

    @Test
    void disablesAndEnablesAKeyFromTheMenu() {
        String id = (String) api().createKey(team, "Nightly export", "test", "read_only").get("id");
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("1 of 10 active keys");

        page.chooseFromMenu("Nightly export", "disable");

        awaitRowText(id, "Disabled", true);
        assertThat(row(id).findElement(By.cssSelector(".badge-disabled")).getText()).isEqualTo("Disabled");
        assertThat(browser.visible(KeysPage.KEY_COUNT).getText()).isEqualTo("1 of 10 active keys");
        assertThat(api().listKeys(team)).extracting(k -> k.get("status")).containsExactly("disabled");
        browser.screenshot("disabled-key");

        page.chooseFromMenu("Nightly export", "enable");

        awaitRowText(id, "Active", true);
        assertThat(row(id).findElements(By.cssSelector(".badge-disabled"))).isEmpty();
        assertThat(api().listKeys(team)).extracting(k -> k.get("status")).containsExactly("active");
    }

    @Test
    void editsAKeysRateLimitAndResetsItToTheDefault() {
        String id = (String) api().createKey(team, "Busy sync", "live", "read_write").get("id");
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("1 of 10 active keys");

        page.chooseFromMenu("Busy sync", "limit");
        browser.visible(By.id("limit-dialog"));
        browser.click(By.id("limit-default"));
        browser.visible(By.id("limit-requests")).sendKeys("5");
        browser.visible(By.id("limit-window")).sendKeys("10");
        browser.screenshot("rate-limit-dialog");
        browser.click(By.id("limit-save"));
        browser.gone(By.id("limit-dialog"));

        awaitRowText(id, "Limit: 5 requests / 10 s", true);
        assertThat(api().listKeys(team).get(0).get("rateLimit")).isEqualTo(Map.of("requests", 5, "windowSeconds", 10));

        page.chooseFromMenu("Busy sync", "limit");
        browser.click(By.id("limit-default"));
        browser.click(By.id("limit-save"));
        browser.gone(By.id("limit-dialog"));

        awaitRowText(id, "Limit:", false);
        assertThat(api().listKeys(team).get(0).get("rateLimit")).isNull();
    }

    @Test
    void rateLimitDialogShowsTheApiErrorForAnOutOfRangeLimit() {
        api().createKey(team, "Greedy", "live", "read_write");
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("1 of 10 active keys");

        page.chooseFromMenu("Greedy", "limit");
        browser.click(By.id("limit-default"));
        browser.visible(By.id("limit-requests")).sendKeys("100001");
        browser.visible(By.id("limit-window")).sendKeys("10");
        browser.click(By.id("limit-save"));

        browser.textIn(By.id("limit-alert"), "from 1 to 100000");
        assertThat(api().listKeys(team).get(0).get("rateLimit")).isNull();
    }

    @Test
    void createsAKeyWithItsOwnRateLimit() {
        KeysPage page = page().openWithJwtLink(ownerJwt).awaitKeys("0 of 10 active keys");
        page.submitCreate("Limited", "live", "read_only", null);
        browser.click(By.cssSelector("#advanced summary"));
        browser.visible(By.id("key-limit-requests")).sendKeys("1000");
        browser.visible(By.id("key-limit-window")).sendKeys("60");
        page.confirmCreate();
        page.createdToken();
        page.closeConfirmation();

        assertThat(page.row("Limited").getText()).contains("Limit: 1000 requests / 60 s");
        assertThat(api().listKeys(team).get(0).get("rateLimit")).isEqualTo(Map.of("requests", 1000, "windowSeconds", 60));
    }

    /** Waits until the key's row does (or no longer does) show {@code text}; the table is re-rendered meanwhile. */
    private void awaitRowText(String keyId, String text, boolean shown) {
        browser.until(d -> {
            try {
                return d.findElement(By.cssSelector("#keys-body tr[data-key-id='" + keyId + "']")).getText().contains(text)
                        == shown ? true : null;
            } catch (StaleElementReferenceException | NoSuchElementException rerendered) {
                return null;
            }
        });
    }

    private WebElement row(String keyId) {
        return browser.visible(By.cssSelector("#keys-body tr[data-key-id='" + keyId + "']"));
    }

    private KeysPage page() {
        return new KeysPage(browser, "http://localhost:" + server.getPort());
    }

    private AdminApi api() {
        return new AdminApi("http://localhost:" + server.getPort(), ownerJwt, json);
    }
}
