package com.paperlink.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The gateway's API reference page (Swagger UI served locally), as an integrator uses it:
 * expand an operation, "Try it out", "Execute", read the live response. Swagger UI's own
 * class names are the contract here; only this class knows them.
 */
final class DocsPage {

    record TryItResult(String status, String body) {
    }

    private final Browser browser;

    DocsPage(Browser browser) {
        this.browser = browser;
    }

    void awaitLoaded() {
        browser.visible(By.cssSelector(".swagger-ui .opblock"));
    }

    /** Runs one operation with the authorization the page took from {@code #key=}. */
    TryItResult tryIt(String method, String path) {
        By operation = By.xpath("//div[contains(@class,'opblock-" + method + "')][.//*[contains(@class,'opblock-summary-path')]"
                + "[@data-path='" + path + "' or @data-path='/api/v1" + path + "']]");
        WebElement block = browser.visible(operation);
        block.findElement(By.cssSelector(".opblock-summary")).click();
        browser.click(By.xpath("(" + xpath(operation) + "//button[contains(@class,'try-out__btn')])[1]"));
        browser.click(By.xpath("(" + xpath(operation) + "//button[contains(@class,'execute')])[1]"));
        By status = By.xpath(xpath(operation) + "//table[contains(@class,'live-responses-table')]//td[contains(@class,'response-col_status')]");
        String code = browser.until(d -> {
            String text = d.findElement(status).getText().strip();
            return text.isEmpty() ? null : text.split("\\s+")[0];
        });
        String body = browser.visible(By.xpath(xpath(operation)
                + "//table[contains(@class,'live-responses-table')]//*[contains(@class,'response-col_description')]//pre")).getText();
        return new TryItResult(code, body);
    }

    private static String xpath(By by) {
        return by.toString().substring("By.xpath: ".length());
    }
}
