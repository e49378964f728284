package com.paperlink.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by the machine's chromedriver (Selenium Manager never downloads
 * anything), with the waits our scenarios need and a screenshot of each step saved to
 * {@code target/screenshots/<name>.png} — the README embeds some of them.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("browser.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("browser.driver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: browser tests need Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1280,900",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Records every fetch() the page makes in {@code window.__fetches}, from the first script on. */
    public void recordFetches() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__fetches = []; const f = window.fetch; "
                        + "window.fetch = (input, init) => { window.__fetches.push(String(input)); return f(input, init); };"));
    }

    @SuppressWarnings("unchecked")
    public List<String> fetches() {
        return (List<String>) driver.executeScript("return window.__fetches || [];");
    }

    public Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    /** Everything the page wrote to the browser console so far (and clears it). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    public void get(String url) {
        driver.get(url);
    }

    public WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement clickable(By by) {
        return until(ExpectedConditions.elementToBeClickable(by));
    }

    public void click(By by) {
        clickable(by).click();
    }

    public void gone(By by) {
        until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public void textIn(By by, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Follows a {@code target=_blank} link: switches to the tab that is not {@code previous}. */
    public void switchToNewTab(String previous) {
        String next = until(d -> d.getWindowHandles().stream().filter(h -> !h.equals(previous)).findFirst().orElse(null));
        driver.switchTo().window(next);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the current viewport as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
