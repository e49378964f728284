package com.paperlink.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Each key's last 7 days of usage drawn as an inline SVG bar chart on the API Keys page, in headless Chromium. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageChartBrowserTest implements TestPropertyProvider {

    private final TestDatabase database = TestDatabase.create("usagechart");

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
    void drawsEachKeysLastSevenDaysWithTheFailedPartApart() throws Exception {
        AdminApi api = new AdminApi("http://localhost:" + server.getPort(), ownerJwt, json);
        String busy = (String) api.createKey(team, "Busy key", "live", "read_write").get("id");
        api.createKey(team, "Quiet key", "test", "read_only");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        usage(busy, today, 5, 1, 1, 0);
        usage(busy, today.minus(2, ChronoUnit.DAYS), 10, 0, 0, 0);
        usage(busy, today.minus(6, ChronoUnit.DAYS), 3, 0, 0, 0);
        usage(busy, today.minus(8, ChronoUnit.DAYS), 99, 0, 0, 0); // before the window: not drawn

        KeysPage page = new KeysPage(browser, "http://localhost:" + server.getPort()).openWithJwtLink(ownerJwt)
                .awaitKeys("2 of 10 active keys");

        WebElement chart = browser.visible(By.cssSelector("[data-usage-for='" + busy + "'] svg"));
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(chart.getDomAttribute("aria-label")).isEqualTo("20 requests in the last 7 days");
        List<WebElement> days = chart.findElements(By.cssSelector("g.usage-day"));
        assertThat(days).extracting(day -> day.getDomAttribute("data-total"))
                .containsExactly("3", "0", "0", "0", "10", "0", "7");
        assertThat(days.get(6).getDomAttribute("data-day")).isEqualTo(today.toString().substring(0, 10));
        assertThat(days.get(6).findElements(By.cssSelector("rect.usage-failed"))).as("2 of 7 failed").hasSize(1);
        assertThat(days.get(4).findElements(By.cssSelector("rect.usage-failed"))).isEmpty();
        assertThat(days.get(6).findElement(By.tagName("title")).getAttribute("textContent"))
                .contains("7 requests").contains("2xx 5").contains("4xx 1").contains("429 1").contains("5xx 0");
        double todayHeight = Double.parseDouble(days.get(6).findElement(By.cssSelector("rect.usage-ok")).getDomAttribute("height"));
        double busiestHeight = Double.parseDouble(days.get(4).findElement(By.cssSelector("rect.usage-ok")).getDomAttribute("height"));
        assertThat(todayHeight).as("bars scale with the day's requests").isLessThan(busiestHeight);

        WebElement quiet = page.row("Quiet key").findElement(By.cssSelector(".cell-usage svg"));
        assertThat(quiet.getDomAttribute("aria-label")).isEqualTo("0 requests in the last 7 days");
        assertThat(quiet.findElements(By.cssSelector("rect.usage-none"))).hasSize(7);
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        browser.screenshot("usage-chart");
    }

    private void usage(String keyId, Instant day, long ok, long client, long limited, long server) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO key_usage "
                + "(key_id, team_id, granularity, bucket_start, status_2xx, status_4xx, status_429, status_5xx) "
                + "VALUES (?, ?, 'day', ?, ?, ?, ?, ?)")) {
            s.setString(1, keyId);
            s.setString(2, team);
            s.setTimestamp(3, Timestamp.from(day));
            s.setLong(4, ok);
            s.setLong(5, client);
            s.setLong(6, limited);
            s.setLong(7, server);
            s.executeUpdate();
        }
    }
}
