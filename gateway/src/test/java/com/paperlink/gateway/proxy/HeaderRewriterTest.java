package com.paperlink.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderRewriterTest {

    private static final HeaderRewriter.Identity KEY = new HeaderRewriter.Identity("team_1", "key_1", "test",
            "read_only");

    private static List<Map.Entry<String, String>> rewrite(List<Map.Entry<String, String>> incoming) {
        return HeaderRewriter.toUpstream(headers(incoming), KEY, "req-1", "198.51.100.1, 127.0.0.1", "https",
                "api.example").entries().stream()
                .map(e -> Map.entry(String.valueOf(e.getKey()), String.valueOf(e.getValue()))).toList();
    }

    private static HttpHeaders headers(List<Map.Entry<String, String>> entries) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        entries.forEach(e -> headers.add(e.getKey(), e.getValue()));
        return headers;
    }

    private static List<String> values(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Authorization", "authorization", "Connection", "Keep-Alive", "Proxy-Authorization",
            "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Expect", "Forwarded",
            "X-Forwarded-Port", "x-REAL-ip", "TRUE-CLIENT-IP", "TraceParent", "proxy-authenticate", "trailers",
            "KEEP-ALIVE"})
    void dropsHopByHopAndCredentialHeaders(String name) {
        List<Map.Entry<String, String>> out = rewrite(List.of(Map.entry(name, "x"), Map.entry("Accept", "*/*")));

        assertThat(values(out, name)).isEmpty();
        assertThat(values(out, "Accept")).containsExactly("*/*");
    }

    @Test
    void aNameSetMatchesItsNamesInAnyCaseAndNothingElse() {
        HeaderRewriter.NameSet set = new HeaderRewriter.NameSet(HeaderRewriter.HOP_BY_HOP);

        for (AsciiString name : HeaderRewriter.HOP_BY_HOP) {
            assertThat(set.contains(name)).as("%s", name).isTrue();
            assertThat(set.contains(name.toString().toUpperCase(Locale.ROOT))).as("%s", name).isTrue();
        }
        assertThat(set.contains("Accept")).isFalse();
        assertThat(set.contains("connections")).isFalse();
        assertThat(set.contains("t")).isFalse();
        assertThat(set.contains("")).isFalse();
    }

    @Test
    void dropsHeadersNamedInConnection() {
        List<Map.Entry<String, String>> out = rewrite(List.of(Map.entry("Connection", "close, X-Secret-Hop"),
                Map.entry("X-Secret-Hop", "1"), Map.entry("X-Kept", "2")));

        assertThat(values(out, "X-Secret-Hop")).isEmpty();
        assertThat(values(out, "X-Kept")).containsExactly("2");
    }

    @Test
    void replacesSpoofedIdentityHeadersWithTheKeys() {
        List<Map.Entry<String, String>> out = rewrite(List.of(Map.entry("X-PaperLink-Team-Id", "victim"),
                Map.entry("x-paperlink-mode", "live"), Map.entry("X-PaperLink-Admin", "true")));

        assertThat(values(out, "X-PaperLink-Team-Id")).containsExactly("team_1");
        assertThat(values(out, "X-PaperLink-Key-Id")).containsExactly("key_1");
        assertThat(values(out, "X-PaperLink-Mode")).containsExactly("test");
        assertThat(values(out, "X-PaperLink-Scope")).containsExactly("read_only");
        assertThat(values(out, "X-PaperLink-Admin")).isEmpty();
    }

    @Test
    void setsForwardingHeadersAndRequestIdReplacingTheClients() {
        List<Map.Entry<String, String>> out = rewrite(List.of(Map.entry("X-Forwarded-For", "6.6.6.6"),
                Map.entry("X-Forwarded-Proto", "gopher"), Map.entry("X-Forwarded-Host", "evil"),
                Map.entry("X-Request-Id", "client-id")));

        assertThat(values(out, "X-Forwarded-For")).containsExactly("198.51.100.1, 127.0.0.1");
        assertThat(values(out, "X-Forwarded-Proto")).containsExactly("https");
        assertThat(values(out, "X-Forwarded-Host")).containsExactly("api.example");
        assertThat(values(out, "X-Request-Id")).containsExactly("req-1");
    }

    @Test
    void keepsEndToEndHeadersInOrderWithRepeatedValues() {
        List<Map.Entry<String, String>> out = rewrite(List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", "a"), Map.entry("Accept", "b"), Map.entry("If-None-Match", "\"e1\""),
                Map.entry("Content-Length", "12")));

        assertThat(out.subList(0, 5)).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", "a"), Map.entry("Accept", "b"), Map.entry("If-None-Match", "\"e1\""),
                Map.entry("Content-Length", "12"));
    }

    @Test
    void removesHopByHopResponseHeadersIncludingThoseNamedInConnection() {
        HttpHeaders response = headers(List.of(Map.entry("Connection", "keep-alive, X-Hop"), Map.entry("X-Hop", "1"),
                Map.entry("Keep-Alive", "timeout=5"), Map.entry("Transfer-Encoding", "chunked"),
                Map.entry("Content-Type", "text/plain")));

        HeaderRewriter.stripHopByHop(response);

        assertThat(response.names()).containsExactly("Content-Type");
    }
}
