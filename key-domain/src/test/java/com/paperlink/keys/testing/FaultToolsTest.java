package com.paperlink.keys.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's tools must really misbehave, really find secrets and really generate bad input. */
class FaultToolsTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void misbehavingUpstreamAnswersNormallyThenMisbehavesOnRequest() throws Exception {
        try (MisbehavingUpstream upstream = MisbehavingUpstream.start()) {
            assertThat(get(upstream.url() + "/x", 2).statusCode()).isEqualTo(200);
            assertThat(upstream.requestHeads()).singleElement().asString().startsWith("GET /x HTTP/1.1");

            upstream.mode(MisbehavingUpstream.Mode.SLOW_HEADERS);
            assertThatThrownBy(() -> get(upstream.url() + "/slow", 1)).isInstanceOf(HttpTimeoutException.class);
            upstream.mode(MisbehavingUpstream.Mode.GARBAGE_STATUS_LINE);
            assertThatThrownBy(() -> get(upstream.url() + "/garbage", 2)).isInstanceOf(java.io.IOException.class);
            upstream.mode(MisbehavingUpstream.Mode.RESET_MID_RESPONSE);
            assertThatThrownBy(() -> get(upstream.url() + "/reset", 2)).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void refusingUrlRefusesConnections() {
        assertThatThrownBy(() -> get(MisbehavingUpstream.refusingUrl(), 2)).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void rawHttpReadsStatusHeadersAndBodyOfARealAnswer() throws Exception {
        try (MisbehavingUpstream upstream = MisbehavingUpstream.start()) {
            int port = URI.create(upstream.url()).getPort();
            RawHttp.Response response = new RawHttp(port, 2000).get("/raw", "X-Dup: 1", "X-Dup: 2");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo("{\"ok\":true}");
            assertThat(upstream.requestHeads().get(0)).contains("X-Dup: 1\r\nX-Dup: 2");
        }
    }

    @Test
    void logScannerFindsKeysAndJwtsAndMasksThem(@TempDir Path dir) throws Exception {
        String token = ApiKeyToken.generate(KeyMode.TEST).reveal();
        String jwt = HostileInputs.hs256("{\"sub\":\"u\"}", "secret-secret-secret-secret-secret!");
        Files.writeString(dir.resolve("clean.log"), "GET /api/v1/products status=200 key=key_123 prefix=pk_test_AbC1\n");
        Files.writeString(dir.resolve("leaky.log"), "line one\nAuthorization: Bearer " + token + "\nbody " + jwt + "\n");

        LogScanner.Result result = LogScanner.scan(List.of(dir, dir.resolve("missing")));

        assertThat(result.files()).isEqualTo(2);
        assertThat(result.findings()).extracting(LogScanner.Finding::line).containsExactly(2, 3);
        assertThat(result.findings().toString()).doesNotContain(token).doesNotContain(jwt);
    }

    @Test
    void hostileApiKeysAreReproducibleAndNeverParseAsTokens() {
        List<HostileInputs.Sample> first = new HostileInputs(42).apiKeyHeaders(50);
        assertThat(new HostileInputs(42).apiKeyHeaders(50)).isEqualTo(first);
        assertThat(first).hasSize(400);
        for (HostileInputs.Sample sample : first) {
            if (!sample.family().equals("wrong scheme")) {
                String value = sample.value().substring("Bearer ".length());
                assertThat(ApiKeyToken.parse(value)).as(sample.family()).isEmpty();
            }
        }
    }

    private HttpResponse<String> get(String url, int timeoutSeconds) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
