package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The API Keys page in real headless Chromium against an embedded key-admin on a private
 * PostgreSQL database. Each test works in its own team, so tests never see each other's keys.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysPageBrowserTest implements TestPropertyProvider {

    static final String GATEWAY_URL = "http://gateway.example.test:8080";

    private final TestDatabase database = TestDatabase.create("apikeyspage");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Browser browser;
    private String team;
    private String ownerJwt;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(KeyAdminTestConfig.properties(database));
        properties.put("key-admin.public-gateway-url", GATEWAY_URL);
        return properties;
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
        team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        ownerJwt = TestJwt.sign("u-owner", "Ada Admin", Map.of(team, "OWNER", team + "-probe", "OWNER"));
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
    void signsInFromJwtLinkAndTakesTheTokenOutOfTheAddressBar() {
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("0 of 10 active keys");

        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#").doesNotContain("jwt");
        assertThat(browser.visible(KeysPage.USER_NAME).getText()).contains("Ada Admin");
        assertThat(browser.visible(KeysPage.TEAM_SELECT).getText()).contains(team).contains("Owner");
        assertThat(browser.visible(By.id("empty")).getText()).contains("No API keys yet");
        browser.screenshot("keys-page-empty");
    }

    @Test
    void signsInWithAPastedJwtAndSignsOut() {
        browser.get("http://localhost:" + server.getPort() + "/");
        browser.visible(By.id("jwt-input")).sendKeys(owner());
        browser.screenshot("sign-in");
        browser.click(By.cssSelector("#sign-in-form button[type=submit]"));
        page().awaitKeys("0 of 10 active keys");

        browser.click(By.id("sign-out"));

        assertThat(browser.visible(KeysPage.SIGN_IN_MESSAGE).getText()).contains("signed out");
        assertThat(browser.script("return sessionStorage.getItem('paperlink.jwt');")).isNull();
    }

    @Test
    void createDialogTakesFocusAndEscapeClosesIt() {
        page().openWithJwtLink(owner()).awaitKeys("0 of 10 active keys");
        browser.click(KeysPage.CREATE_BUTTON);
        browser.visible(KeysPage.CREATE_DIALOG);
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("key-name");

        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);

        browser.gone(KeysPage.CREATE_DIALOG);
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("create-button");
    }

    @Test
    void servesThePageAndItsConfigWithoutSignIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + server.getPort();
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(base + "/app-config.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(json.readValue(config.body(), Map.class))
                .containsEntry("publicGatewayUrl", GATEWAY_URL).containsEntry("maxActiveKeys", 10);
        for (String asset : List.of("/", "/index.html", "/app.js", "/app.css")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + asset)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void createsKeyAndShowsTheTokenOnceWithCurlAndDocsLink() {
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("0 of 10 active keys");
        page.submitCreate("CRM sync", "live", "read_write", null);
        browser.screenshot("create-dialog");
        page.confirmCreate();

        String token = page.createdToken();
        assertThat(token).matches("^pk_live_[0-9A-Za-z]{36}$");
        assertThat(browser.visible(KeysPage.CREATED_CURL).getText()).contains(token).contains("/api/v1/products");
        WebElement docs = browser.visible(KeysPage.DOCS_LINK);
        assertThat(docs.getDomAttribute("href")).isEqualTo(GATEWAY_URL + "/api/docs#key=" + token);
        assertThat(docs.getDomAttribute("target")).isEqualTo("_blank");
        assertThat(docs.getDomAttribute("rel")).contains("noopener");
        assertThat(browser.visible(By.id("created")).getText()).contains("cannot be shown again");
        browser.screenshot("token-confirmation");
        browser.click(By.id("copy-token"));
        browser.textIn(By.id("copy-status"), "copied");

        page.closeConfirmation();
        WebElement row = page.row("CRM sync");
        assertThat(row.getText()).contains(token.substring(0, 12)).contains("Live").contains("Read & Write")
                .contains("Ada Admin").contains("Never").contains("Active").doesNotContain(token);
        page.awaitKeys("1 of 10 active keys");
        assertThat(browser.driver().getPageSource()).doesNotContain(token);
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains(token) || message.contains(owner()));
        browser.screenshot("keys-page");
    }

    @Test
    void renamesKeyInlineFromTheMenu() {
        api().createKey(team, "Old name", "test", "read_only");
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("1 of 10 active keys");
        WebElement row = page.row("Old name");
        assertThat(row.getText()).contains("Test").contains("Read-only");

        page.rename("Old name", "Nightly export");

        page.row("Nightly export");
        assertThat(page.rows()).hasSize(1);
        assertThat(api().listKeys(team)).extracting(k -> k.get("name")).containsExactly("Nightly export");
        browser.screenshot("renamed-key");
    }

    @Test
    void revokesKeyAfterAConfirmationNamingIt() {
        api().createKey(team, "Old CI key", "live", "read_write");
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("1 of 10 active keys");

        page.chooseFromMenu("Old CI key", "revoke");
        assertThat(browser.visible(KeysPage.REVOKE_TEXT).getText()).contains("Old CI key");
        browser.screenshot("revoke-confirmation");
        browser.click(By.id("revoke-confirm"));
        browser.gone(KeysPage.REVOKE_DIALOG);

        page.awaitKeys("0 of 10 active keys");
        WebElement row = page.row("Old CI key");
        assertThat(row.getDomAttribute("class")).contains("revoked");
        assertThat(row.findElement(By.cssSelector(".cell-status")).getText()).contains("Revoked").contains("Ada Admin");
        assertThat(row.findElements(By.cssSelector(".menu-button"))).isEmpty();
        assertThat(api().listKeys(team)).extracting(k -> k.get("status")).containsExactly("revoked");
        browser.screenshot("revoked-key");
    }

    @Test
    void memberSeesNoAccessMessageAndThePageCallsNoKeyEndpoint() {
        api().createKey(team, "Secret integration", "live", "read_write");
        browser.recordFetches();
        String member = TestJwt.sign("u-member", "Mo Member", Map.of(team, "MEMBER"));

        page().openWithJwtLink(member);

        assertThat(browser.visible(KeysPage.NO_ACCESS).getText()).contains("You don't have access to API keys");
        assertThat(browser.driver().findElement(KeysPage.KEYS_AREA).isDisplayed()).isFalse();
        assertThat(browser.driver().getPageSource()).doesNotContain("Secret integration");
        assertThat(browser.fetches()).containsExactly("/app-config.json");
        browser.screenshot("member-no-access");
    }

    @Test
    void switchesTeamsFromThePickerAndShowsEachTeamsOwnView() {
        api().createKey(team, "Team A key", "live", "read_write");
        String otherTeam = team + "-other";
        String jwt = TestJwt.sign("u-owner", "Ada Admin", Map.of(team, "OWNER", otherTeam, "MANAGER"));
        KeysPage page = page().openWithJwtLink(jwt);
        new Select(browser.visible(KeysPage.TEAM_SELECT)).selectByValue(team);
        page.awaitKeys("1 of 10 active keys");
        page.row("Team A key");

        new Select(browser.visible(KeysPage.TEAM_SELECT)).selectByValue(otherTeam);

        assertThat(browser.visible(KeysPage.NO_ACCESS).getText()).contains("You don't have access to API keys");
        assertThat(browser.driver().findElement(KeysPage.KEYS_AREA).isDisplayed()).isFalse();
        new Select(browser.visible(KeysPage.TEAM_SELECT)).selectByValue(team);
        page.awaitKeys("1 of 10 active keys");
        assertThat(page.rows()).hasSize(1);
    }

    @Test
    void disablesCreateAtTenActiveKeysAndSaysWhy() {
        for (int i = 1; i <= 10; i++) {
            api().createKey(team, "Key " + i, i % 2 == 0 ? "test" : "live", "read_only");
        }
        page().openWithJwtLink(owner()).awaitKeys("10 of 10 active keys");

        WebElement create = browser.visible(KeysPage.CREATE_BUTTON);
        assertThat(create.isEnabled()).isFalse();
        assertThat(browser.visible(KeysPage.LIMIT_REASON).getText()).contains("maximum").contains("Revoke");
        assertThat(create.getDomAttribute("aria-describedby")).isEqualTo("limit-reason");
        browser.screenshot("limit-reached");
    }

    @Test
    void showsTheApiErrorMessageWhenCreateIsRejected() {
        String body = "{\"name\":\"Office only\",\"mode\":\"live\",\"scope\":\"read_write\",\"allowedIps\":[\"not-an-ip\"]}";
        AdminApi.Response rejected = api().createKeyRaw(team + "-probe", body);
        assertThat(rejected.status()).isEqualTo(400);
        String message = api().errorMessage(rejected);
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("0 of 10 active keys");

        page.submitCreate("Office only", "live", "read_write", "not-an-ip");
        page.confirmCreate();

        browser.textIn(KeysPage.CREATE_ALERT, message);
        assertThat(browser.visible(By.id("create-form")).isDisplayed()).isTrue();
        assertThat(api().listKeys(team)).isEmpty();
        browser.screenshot("api-error");
    }

    @Test
    void rejectedJwtSendsTheUserBackToSignInWithAMessage() {
        String forged = TestJwt.sign("u-owner", "Ada Admin", Map.of(team, "OWNER"), TestJwt.SECRET + "-but-not-ours");

        page().openLink(forged);

        browser.visible(KeysPage.SIGN_IN);
        assertThat(browser.visible(KeysPage.SIGN_IN_MESSAGE).getText())
                .contains("Your session token is not valid").contains("Sign in again");
        Object stored = browser.script("return sessionStorage.getItem('paperlink.jwt');");
        assertThat(stored).isNull();
        browser.screenshot("sign-in-rejected");
    }

    static Stream<Arguments> tokensKeyAdminRefuses() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("no exp", "\"iat\":" + now, "the token has no exp claim"),
                Arguments.of("nbf in an hour", "\"iat\":" + now + ",\"nbf\":" + (now + 3600) + ",\"exp\":" + (now + 7200),
                        "the token is not valid before"),
                Arguments.of("valid for a week", "\"iat\":" + now + ",\"exp\":" + (now + 7 * 86400),
                        "the token is valid for 168 h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensKeyAdminRefuses")
    void correctlySignedTokenKeyAdminRefusesShowsWhyItIsNotValid(String label, String timeClaims, String reason) {
        String jwt = TestJwt.signTimes("u-owner", "Ada Admin", Map.of(team, "OWNER"), timeClaims);

        page().openLink(jwt);

        browser.visible(KeysPage.SIGN_IN);
        browser.textIn(KeysPage.SIGN_IN_MESSAGE, "Your session token is not valid: " + reason);
        assertThat(browser.visible(KeysPage.SIGN_IN_MESSAGE).getText()).contains("Sign in again");
        assertThat(browser.script("return sessionStorage.getItem('paperlink.jwt');")).isNull();
        if (label.equals("no exp")) {
            browser.screenshot("sign-in-token-not-valid");
        }
    }

    @Test
    void showsKeysAsCardsOnAPhone() {
        api().createKey(team, "Phone key", "live", "read_write");
        api().createKey(team, "Sandbox key", "test", "read_only");
        browser.resize(390, 844);
        KeysPage page = page().openWithJwtLink(owner()).awaitKeys("2 of 10 active keys");

        assertThat(browser.driver().findElement(By.cssSelector("#keys-table thead")).isDisplayed()).isFalse();
        List<WebElement> rows = page.rows();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.getCssValue("display")).isEqualTo("grid"));
        assertThat(rows.get(0).findElement(By.cssSelector("td[data-label=Mode]")).getText()).isIn("Live", "Test");
        browser.screenshot("keys-page-phone");
    }

    private KeysPage page() {
        return new KeysPage(browser, "http://localhost:" + server.getPort());
    }

    private String owner() {
        return ownerJwt;
    }

    private AdminApi api() {
        return new AdminApi("http://localhost:" + server.getPort(), owner(), json);
    }
}
