package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 as the pipeline's own connection handler speaks it, on a bare socket: answers to pipelined
 * requests come back in order (also when one of them is Micronaut's), and {@code Expect: 100-continue} gets
 * its 100 only once the request is going to be forwarded.
 */
class HttpSemanticsTest {

    private static GatewayHarness gateway;
    private static TestKey key;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("httpsemantics", Map.of());
        key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void answersPipelinedRequestsInOrderWhoeverServesThem() throws Exception {
        String answers;
        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            String auth = "Authorization: Bearer " + key.token() + "\r\n";
            write(socket, "GET /api/v1/products/1 HTTP/1.1\r\nHost: g\r\n" + auth + "\r\n"
                    + "GET /health HTTP/1.1\r\nHost: g\r\n\r\n"
                    + "GET /api/v1/nothing HTTP/1.1\r\nHost: g\r\n" + auth + "\r\n"
                    + "GET /api/v1/documents/2 HTTP/1.1\r\nHost: g\r\nConnection: close\r\n" + auth + "\r\n");
            // All four answers on one stream, until the server closes after the last one.
            answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        List<String> statuses = new ArrayList<>();
        Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
        while (status.find()) {
            statuses.add(status.group(1));
        }
        assertThat(statuses).containsExactly("200", "200", "404", "200");
        assertThat(answers.indexOf("\"upstream\":\"live\"")).isLessThan(answers.indexOf("\"status\":\"UP\""));
        assertThat(answers.indexOf("\"status\":\"UP\"")).isLessThan(answers.indexOf("\"code\":\"not_found\""));
        assertThat(gateway.live.next().rawUri()).isEqualTo("/products/1");
        assertThat(gateway.live.next().rawUri()).isEqualTo("/documents/2");
    }

    /**
     * The connection is read on while an answer is pending (so read interest need not be switched off and on
     * around every request): a request that arrives meanwhile is held until the answer before it is sent.
     */
    @Test
    void holdsARequestThatArrivesWhileTheOneBeforeIsStillAtTheUpstream() throws Exception {
        gateway.live.clear();
        String answers;
        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            String auth = "Authorization: Bearer " + key.token() + "\r\n";
            write(socket, "GET /api/v1/products/slow HTTP/1.1\r\nHost: g\r\nX-Request-Id: first\r\n" + auth + "\r\n");
            assertThat(gateway.live.next().rawUri()).isEqualTo("/products/slow"); // it waits there for 3 s
            write(socket, "GET /api/v1/products/2 HTTP/1.1\r\nHost: g\r\nX-Request-Id: second\r\nConnection: close\r\n"
                    + auth + "\r\n");
            Thread.sleep(500);
            assertThat(gateway.live.nothingReceived()).as("the second request waits for the first answer").isTrue();
            answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(answers.indexOf("X-Request-Id: first")).isPositive()
                .isLessThan(answers.indexOf("X-Request-Id: second"));
        assertThat(answers).doesNotContain("HTTP/1.1 5");
        assertThat(gateway.live.next().rawUri()).isEqualTo("/products/2");
    }

    @Test
    void sendsContinueOnlyForARequestThatWillBeForwarded() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            write(socket, "POST /api/v1/products HTTP/1.1\r\nHost: g\r\nAuthorization: Bearer " + key.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(readLine(in)).isEmpty();

            write(socket, "{}");

            assertThat(RawHttp.read(in).status()).isEqualTo(201);
        }
        assertThat(gateway.live.next().header("Expect")).as("the gateway answered the expectation itself").isNull();

        try (Socket socket = new Socket("127.0.0.1", gateway.server.getPort())) {
            socket.setSoTimeout(10_000);
            write(socket, "POST /api/v1/products HTTP/1.1\r\nHost: g\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");

            RawHttp.Response refused = RawHttp.read(socket.getInputStream());

            assertThat(refused.status()).as("no key: refused before any 100").isEqualTo(401);
            assertThat(refused.hasErrorShape()).isTrue();
        }
    }

    private static void write(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
