package com.paperlink.system;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The API Keys page as a user sees it: what the scenarios click and read, in one place. */
final class KeysPage {

    static final By SIGN_IN = By.id("sign-in");
    static final By SIGN_IN_MESSAGE = By.id("sign-in-message");
    static final By KEYS_PAGE = By.id("keys-page");
    static final By USER_NAME = By.id("user-name");
    static final By TEAM_SELECT = By.id("team-select");
    static final By NO_ACCESS = By.id("no-access");
    static final By KEYS_AREA = By.id("keys-area");
    static final By KEY_COUNT = By.id("key-count");
    static final By CREATE_BUTTON = By.id("create-button");
    static final By LIMIT_REASON = By.id("limit-reason");
    static final By PAGE_ALERT = By.id("page-alert");
    static final By CREATE_DIALOG = By.id("create-dialog");
    static final By CREATE_ALERT = By.id("create-alert");
    static final By CREATED_TOKEN = By.id("created-token");
    static final By CREATED_CURL = By.id("created-curl");
    static final By DOCS_LINK = By.id("docs-link");
    static final By REVOKE_DIALOG = By.id("revoke-dialog");
    static final By REVOKE_TEXT = By.id("revoke-text");

    private final Browser browser;
    private final String baseUrl;

    KeysPage(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    /** Opens the sign-in link bin/up prints and waits until the keys (or the no-access notice) show. */
    KeysPage openWithJwtLink(String jwt) {
        openLink(jwt);
        browser.visible(KEYS_PAGE);
        return this;
    }

    /** Opens the sign-in link without expecting it to work. */
    void openLink(String jwt) {
        browser.get(baseUrl + "/#jwt=" + jwt);
    }

    /** Waits for the table to settle: the count line is written once the list has loaded. */
    KeysPage awaitKeys(String countText) {
        browser.until(ExpectedConditions.textToBe(KEY_COUNT, countText));
        return this;
    }

    WebElement row(String keyName) {
        return browser.visible(By.xpath("//tbody[@id='keys-body']/tr[.//*[contains(@class,'key-name')][normalize-space()="
                + xpathLiteral(keyName) + "]]"));
    }

    List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#keys-body tr"));
    }

    /** Fills and submits the create dialog; returns the dialog for the caller to read. */
    void submitCreate(String name, String mode, String scope, String allowedIps) {
        browser.click(CREATE_BUTTON);
        browser.visible(CREATE_DIALOG);
        WebElement nameInput = browser.visible(By.id("key-name"));
        nameInput.sendKeys(name);
        browser.click(By.cssSelector("#create-form input[name=mode][value=" + mode + "]"));
        browser.click(By.cssSelector("#create-form input[name=scope][value=" + scope + "]"));
        if (allowedIps != null) {
            browser.click(By.cssSelector("#advanced summary"));
            browser.visible(By.id("key-ips")).sendKeys(allowedIps);
        }
    }

    void confirmCreate() {
        browser.click(By.id("create-submit"));
    }

    /** Reads the one-time token from the confirmation. */
    String createdToken() {
        return browser.until(d -> {
            String value = d.findElement(CREATED_TOKEN).getDomProperty("value");
            return value == null || value.isEmpty() ? null : value;
        });
    }

    void closeConfirmation() {
        browser.click(By.cssSelector("#created [data-close]"));
        browser.gone(CREATE_DIALOG);
    }

    /** Opens a key's "…" menu with the keyboard, as a keyboard user would. */
    void openMenu(String keyName) {
        WebElement button = row(keyName).findElement(By.cssSelector(".menu-button"));
        button.sendKeys(Keys.ARROW_DOWN);
        browser.visible(By.id(button.getDomAttribute("aria-controls")));
    }

    void chooseFromMenu(String keyName, String action) {
        openMenu(keyName);
        row(keyName).findElement(By.cssSelector("[role=menuitem][data-action=" + action + "]")).click();
    }

    void rename(String keyName, String newName) {
        chooseFromMenu(keyName, "rename");
        WebElement input = browser.visible(By.cssSelector("input.rename-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), newName, Keys.ENTER);
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
