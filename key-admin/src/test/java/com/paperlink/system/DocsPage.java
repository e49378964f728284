package com.paperlink.system;

import java.util.List;
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
        // The page may open operations in try-it-out mode already (tryItOutEnabled: the button then
        // reads "Cancel"); only switch it on when it is off.
        WebElement tryOut = browser.visible(By.xpath("(" + xpath(operation) + "//button[contains(@class,'try-out__btn')])[1]"));
        if (tryOut.getText().contains("Try it out")) {
            tryOut.click();
        }
        WebElement execute = browser.clickable(By.xpath("(" + xpath(operation) + "//button[contains(@class,'execute')])[1]"));
        execute.click();
        // The live response row (not the "Code | Details" header row) of this operation.
        By status = By.cssSelector(".live-responses-table tbody tr.response td.response-col_status");
        String code = browser.until(d -> {
            List<WebElement> cells = block.findElements(status);
            String text = cells.isEmpty() ? "" : cells.get(0).getText().strip();
            return text.isEmpty() ? null : text.split("\\s+")[0];
        });
        browser.script("document.querySelector('.live-responses-table').scrollIntoView({block: 'center'});");
        String body = block.findElement(By.cssSelector(".live-responses-table tbody tr.response td.response-col_description pre")).getText();
        return new TryItResult(code, body);
    }

    private static String xpath(By by) {
        return by.toString().substring("By.xpath: ".length());
    }
}
