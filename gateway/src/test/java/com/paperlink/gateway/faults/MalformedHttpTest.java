package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.RawHttp;
import com.paperlink.keys.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Protocol abuse with a valid read-write key, on a bare socket: malformed chunked bodies, smuggling
 * attempts, oversized and duplicated headers, odd request lines, path traversal and encoded slashes.
 * Each gets an answer (never a hang, never a 5xx) and every error has the JSON shape; whatever reaches
 * the upstream stays under the route's prefix.
 */
@Timeout(120)
class MalformedHttpTest {

    private static TestDatabase database;
    private static MisbehavingUpstream upstream;
    private static FaultGateway gateway;
    private static String auth;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("malformedhttp");
        upstream = MisbehavingUpstream.start();
        gateway = FaultGateway.start(FaultGateway.baseProperties("malformedhttp", database.properties(), upstream.url(),
                upstream.url()));
        auth = "Authorization: " + new TestKeys(database::connect).create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE)
                .bearer();
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(gateway, upstream, database);
    }

    @Test
    void malformedRequestsGetAClientErrorWithTheErrorShapeAndNeverAServerError() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 15_000);
        String post = http.head("POST", "/api/v1/products", auth, "Content-Type: application/json");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("chunk size not hex", post + "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");
        cases.put("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n");
        cases.put("chunk longer than declared", post + "Transfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n");
        cases.put("content-length and chunked (smuggling)", post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n");
        cases.put("two different content-lengths", post + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
        cases.put("negative content-length", post + "Content-Length: -1\r\n\r\n{}");
        cases.put("transfer-encoding obfuscated", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n");
        cases.put("header of 20 KB", http.head("GET", "/api/v1/products", auth, "X-Big: " + "a".repeat(20_000)) + "\r\n");
        cases.put("2000 headers", http.head("GET", "/api/v1/products", auth) + "X-H: v\r\n".repeat(2000) + "\r\n");
        cases.put("URI of 20 KB", http.head("GET", "/api/v1/products?q=" + "a".repeat(20_000), auth) + "\r\n");
        cases.put("duplicate authorization, one garbage", http.head("GET", "/api/v1/products", auth,
                "Authorization: Bearer pk_live_garbage") + "\r\n");
        cases.put("header without colon", http.head("GET", "/api/v1/products", auth, "NoColonHere") + "\r\n");
        cases.put("space before colon", http.head("GET", "/api/v1/products", auth.replace(":", " :")) + "\r\n");
        cases.put("unknown method", http.head("BREW", "/api/v1/products", auth) + "\r\n");
        cases.put("version 9.9", "GET /api/v1/products HTTP/9.9\r\nHost: x\r\n" + auth + "\r\n\r\n");
        cases.put("no version", "GET /api/v1/products\r\n\r\n");
        cases.put("garbage request line", "\u0000\u0001\u0002 hello\r\n\r\n");
        cases.put("invalid UTF-8 in path", http.head("GET", "/api/v1/products/\u00ff\u00fe", auth) + "\r\n");
        cases.put("bare LF line ends", ("GET /api/v1/products HTTP/1.1\nHost: x\nConnection: close\n" + auth + "\n\n"));
        cases.put("absolute URI to elsewhere", http.head("GET", "http://evil.example/api/v1/products", auth) + "\r\n");

        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcome = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RawHttp.Response response = http.send(c.getValue());
            outcome.put(c.getKey(), response.status());
            if (response.status() == -2 || response.status() >= 500
                    || (response.status() >= 400 && !response.hasErrorShape())) {
                failures.add(c.getKey() + " → " + response.status() + " " + LogSafe.of(response.body()));
            }
        }
        System.out.println("malformed HTTP → status: " + outcome);
        assertThat(failures).isEmpty();
        assertOnlyRoutePathsReachedTheUpstream();
    }

    @Test
    void declaredBodyBeyondTheRequestSizeLimitIsPayloadTooLarge() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 15_000);
        RawHttp.Response response = http.send(http.head("POST", "/api/v1/products", auth,
                "Content-Type: application/json", "Content-Length: 99999999999999") + "\r\n{}");
        assertThat(response.status()).as(LogSafe.of(response.raw())).isEqualTo(413);
        assertThat(response.hasErrorShape()).isTrue();
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 10_000);
        try (java.net.Socket socket = http.openPartial(http.head("GET", "/api/v1/products", auth) + "\r\n")) {
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            assertThat(RawHttp.closedByServer(socket)).as("closed after the answer").isTrue();
        }
    }

    @Test
    void pathTraversalAndEncodedSlashesNeverLeaveTheRoute() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 15_000);
        List<String> paths = List.of("/api/v1/products/../../admin", "/api/v1/products/..", "/api/v1/products/%2e%2e/x",
                "/api/v1/products/%2E%2E/%2E%2E/admin", "/api/v1/products/..%2F..%2Fadmin", "/api/v1/products%2F..%2Fadmin",
                "/api/v1/products/%252e%252e/admin", "/api/v1/products/..;/admin", "/api/v1/products/.%2e/admin",
                "/api/v1/products/%2e./admin", "/api/v1/products\\..\\admin", "/api/v1/products/%5c..%5cadmin",
                "/api/v1//products", "/api/v1/products//x", "/api/v1/products/%00", "/api/v1/./products/x",
                "/api/v1/products/./x", "/api/v1/products/%c0%ae%c0%ae/admin", "/api/v1/%2e%2e/api/v1/products",
                "/api/v1/products/..%00/admin", "/api/v1/products#/../../admin", "/api/v1/products?x=/../../admin");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcome = new LinkedHashMap<>();
        for (String path : paths) {
            RawHttp.Response response = http.get(path, auth);
            outcome.put(path, response.status());
            boolean ok = response.status() == 200 || (Set.of(400, 404).contains(response.status())
                    && response.hasErrorShape());
            if (!ok) {
                failures.add(path + " → " + response.status() + " " + LogSafe.of(response.body()));
            }
        }
        System.out.println("path traversal → status: " + outcome);
        assertThat(failures).isEmpty();
        assertOnlyRoutePathsReachedTheUpstream();
    }

    /** Every request line the upstream saw targets /products or /products/..., with no dot segment. */
    private static void assertOnlyRoutePathsReachedTheUpstream() {
        for (String head : upstream.requestHeads()) {
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            assertThat(path).matches("/products(/.*)?");
            assertThat(path.toLowerCase()).doesNotContain("/../", "/./", "%2e", "%2f", "%5c", "\\", "//", "%00");
            assertThat(path).doesNotEndWith("/..");
        }
    }
}
