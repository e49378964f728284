package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers every client can decode: only registered codings the client listed (RFC 9110's rules for {@code *},
 * weights and unknown codings), bodies the upstream already encoded passed through byte for byte, and real
 * clients (Java's HttpClient, curl {@code --compressed}, Node's fetch) decoding real answers.
 */
class CompressionTest {

    private static final String LIST = "/api/v1/products/json?bytes=2048";
    private static GatewayHarness gateway;
    private static GatewayHarness.TestKey key;
    private static byte[] expected;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayHarness("compression", Map.of("gateway.rate-limit.requests", 100_000));
        key = gateway.key(KeyMode.LIVE, KeyScope.READ_WRITE);
        expected = RecordingUpstream.jsonList(2048);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip                     | gzip",
            "gzip, deflate, br, zstd  | gzip",
            "deflate                  | deflate",
            "*                        | gzip",
            "*, gzip;q=0              | deflate",
            "deflate;q=1, gzip;q=0.5  | deflate",
            "snappy                   | identity",
            "br                       | identity",
            "gzip;q=0                 | identity",
            "*;q=0                    | identity",
            "identity                 | identity",
    })
    void answersOnlyInARegisteredCodingTheClientListed(String acceptEncoding, String coding) throws Exception {
        HttpResponse<byte[]> response = gateway.http.send(gateway.request(LIST, key.token())
                .header("Accept-Encoding", acceptEncoding).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo(coding);
        assertThat(decode(coding, response.body())).isEqualTo(expected);
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        if (!coding.equals("identity")) {
            assertThat(response.body().length).isLessThan(expected.length / 2);
        }
    }

    @Test
    void smallAnswersAndErrorsAreNotCompressed() throws Exception {
        HttpResponse<byte[]> error = gateway.http.send(gateway.request("/api/v1/products", null)
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(error.body(), StandardCharsets.UTF_8)).startsWith("{\"error\":");
    }

    @Test
    void anAnswerTheUpstreamEncodedPassesUntouched() throws Exception {
        HttpResponse<byte[]> response = gateway.http.send(gateway.request("/api/v1/products/gzipped", key.token())
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(decode("gzip", response.body())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "client {0} -> upstream {1}")
    @CsvSource(delimiter = '|', value = {
            "*                  | br, zstd, gzip, deflate",
            "gzip, deflate      | gzip, deflate",
            "snappy             | identity",
            "snappy, gzip;q=0.5 | gzip",
    })
    void theUpstreamIsAskedOnlyForRegisteredCodingsTheClientAccepts(String client, String upstream) throws Exception {
        gateway.live.clear();
        gateway.send(gateway.request("/api/v1/products", key.token()).header("Accept-Encoding", client).GET().build());

        assertThat(gateway.live.next().header("accept-encoding")).isEqualTo(upstream);
    }

    @Test
    void theGatewaysOwnPagesNeverAnswerInAnUnregisteredCoding() throws Exception {
        for (String acceptEncoding : List.of("*", "snappy, *", "gzip")) {
            HttpResponse<byte[]> response = gateway.http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/api/openapi.json"))
                    .header("Accept-Encoding", acceptEncoding).build(), HttpResponse.BodyHandlers.ofByteArray());
            String coding = response.headers().firstValue("Content-Encoding").orElse("identity");

            assertThat(coding).as(acceptEncoding).isIn("gzip", "identity");
            assertThat(new String(decode(coding, response.body()), StandardCharsets.UTF_8)).as(acceptEncoding).startsWith("{\"openapi\"");
        }
    }

    @Test
    void curlCompressedDecodesTheAnswer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Path headers = Files.createTempFile("curl-headers", ".txt");
        String body = run(List.of("curl", "-s", "--compressed", "-D", headers.toString(),
                "-H", "Authorization: Bearer " + key.token(), gateway.base() + LIST));

        assertThat(body).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(Files.readString(headers).toLowerCase()).contains("content-encoding: ");
        Files.delete(headers);
    }

    @Test
    void nodeFetchDecodesTheAnswer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed");
        String script = "fetch(process.argv[1], {headers: {Authorization: 'Bearer ' + process.env.KEY}})"
                + ".then(async r => console.log(r.status + ' ' + r.headers.get('content-encoding') + ' ' + (await r.text())))";
        ProcessBuilder node = new ProcessBuilder("node", "-e", script, gateway.base() + LIST);
        node.environment().put("KEY", key.token());

        String output = run(node);
        assertThat(output).isEqualTo("200 gzip " + new String(expected, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    void compressionCanBeTurnedOff() throws Exception {
        try (GatewayHarness plain = new GatewayHarness("compression-off", Map.of("gateway.compression.enabled", false))) {
            GatewayHarness.TestKey plainKey = plain.key(KeyMode.LIVE, KeyScope.READ_ONLY);
            HttpResponse<byte[]> response = plain.http.send(plain.request(LIST, plainKey.token())
                    .header("Accept-Encoding", "gzip, deflate").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> docs = plain.http.send(HttpRequest.newBuilder(URI.create(plain.base() + "/api/openapi.json"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(response.body()).isEqualTo(expected);
            assertThat(docs.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.live.next().header("accept-encoding")).as("still forwarded").isEqualTo("gzip, deflate");
        }
    }

    static byte[] decode(String coding, byte[] body) throws IOException {
        InputStream in = switch (coding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> new ByteArrayInputStream(body);
        };
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command));
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
