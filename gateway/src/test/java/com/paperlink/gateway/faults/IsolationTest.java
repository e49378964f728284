package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.RawHttp;
import com.paperlink.keys.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing a client sends changes who it is or where it goes: test keys reach only the test upstream,
 * spoofed X-PaperLink-* and X-Forwarded-* headers never reach an upstream, and X-Forwarded-For from an
 * untrusted peer does not get a key past its IP allowlist.
 */
@Timeout(60)
class IsolationTest {

    private static final String[] SPOOFS = {"X-PaperLink-Team-Id", "team_b", "X-PaperLink-Key-Id", "key_other",
        "X-PaperLink-Mode", "live", "X-PaperLink-Scope", "read_write", "X-PaperLink-Anything", "x",
        "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Host", "evil.example", "Forwarded", "for=203.0.113.7"};

    private static TestDatabase database;
    private static MisbehavingUpstream live;
    private static MisbehavingUpstream test;
    private static FaultGateway gateway;
    private static TestKeys keys;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("isolation");
        live = MisbehavingUpstream.start();
        test = MisbehavingUpstream.start();
        gateway = FaultGateway.start(FaultGateway.baseProperties("isolation", database.properties(), live.url(), test.url()));
        keys = new TestKeys(database::connect);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        live.close();
        test.close();
        database.close();
    }

    @BeforeEach
    void clear() {
        live.clearRequests();
        test.clearRequests();
    }

    @Test
    void testKeyWithSpoofedIdentityHeadersReachesOnlyTheTestUpstreamAsItself() throws Exception {
        TestKeys.Created key = keys.create("team_a", KeyMode.TEST, KeyScope.READ_ONLY);
        for (String path : List.of("/api/v1/products", "/api/v1/documents/1?mode=live", "/api/v1/products?upstream=live")) {
            assertThat(gateway.get(path, key.bearer(), SPOOFS).statusCode()).isEqualTo(200);
        }
        assertThat(live.requestHeads()).as("a test key never reaches a live upstream").isEmpty();
        assertThat(test.requestHeads()).hasSize(3);
        for (String head : test.requestHeads()) {
            assertThat(values(head, "x-paperlink-team-id")).containsExactly("team_a");
            assertThat(values(head, "x-paperlink-mode")).containsExactly("test");
            assertThat(values(head, "x-paperlink-scope")).containsExactly("read_only");
            assertThat(values(head, "x-paperlink-key-id")).containsExactly(key.id());
            assertThat(values(head, "x-paperlink-anything")).isEmpty();
            assertThat(values(head, "authorization")).as("the key never goes upstream").isEmpty();
            assertThat(head).doesNotContain("203.0.113.7").doesNotContain("evil.example").doesNotContain(key.token());
        }
    }

    @Test
    void clientAddressHeadersOtherUpstreamsMayTrustAreNotPassedOn() throws Exception {
        TestKeys.Created key = keys.create("team_a", KeyMode.TEST, KeyScope.READ_ONLY);
        assertThat(gateway.get("/api/v1/products", key.bearer(), "X-Real-IP", "203.0.113.7", "True-Client-IP",
                "203.0.113.7").statusCode()).isEqualTo(200);
        assertThat(test.requestHeads()).singleElement().asString().doesNotContain("203.0.113.7");
    }

    @Test
    void injectedHeaderLinesInsideAValueDoNotChangeTheIdentity() throws Exception {
        TestKeys.Created key = keys.create("team_a", KeyMode.TEST, KeyScope.READ_WRITE);
        RawHttp http = new RawHttp(gateway.port(), 10_000);
        http.get("/api/v1/products", "Authorization: " + key.bearer(), "X-Note: a\r\nX-PaperLink-Team-Id: team_b");
        http.get("/api/v1/products", "Authorization: " + key.bearer(), "X-PaperLink-Mode: live", "x-paperlink-mode: live");
        assertThat(live.requestHeads()).isEmpty();
        for (String head : test.requestHeads()) {
            assertThat(values(head, "x-paperlink-team-id")).containsExactly("team_a");
            assertThat(values(head, "x-paperlink-mode")).containsExactly("test");
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotBypassTheAllowlist() throws Exception {
        TestKeys.Created elsewhere = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE, null, "203.0.113.7");
        TestKeys.Created local = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE, null, "127.0.0.1/32");
        for (String[] spoof : List.of(new String[] {"X-Forwarded-For", "203.0.113.7"},
                new String[] {"X-Forwarded-For", "127.0.0.1, 203.0.113.7"}, new String[] {"Forwarded", "for=203.0.113.7"},
                new String[] {"X-Real-IP", "203.0.113.7"})) {
            HttpResponse<String> response = gateway.get("/api/v1/products", elsewhere.bearer(), spoof);
            assertThat(response.statusCode()).as(String.join(": ", spoof)).isEqualTo(403);
            assertThat(FaultGateway.hasErrorShape(response.body(), "ip_not_allowed")).isTrue();
        }
        assertThat(gateway.get("/api/v1/products", local.bearer()).statusCode()).as("control: allowed address")
                .isEqualTo(200);
        assertThat(live.requestHeads()).hasSize(1);
    }

    private static List<String> values(String head, String name) {
        return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).toList();
    }
}
