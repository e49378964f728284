package com.paperlink.keys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityHeadersTest {

    @Test
    void pageGetsThePagePolicyAndTheFourHeaders() {
        assertThat(headers("text/html;charset=utf-8", false)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Security-Policy", SecurityHeaders.STRICT_PAGE_POLICY,
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/json", "text/plain;charset=utf-8", "application/yaml", "text/javascript", "text/css"})
    void everythingElseLoadsNothingAndCannotBeFramed(String contentType) {
        assertThat(headers(contentType, false)).containsEntry("Content-Security-Policy", SecurityHeaders.NOT_A_PAGE_POLICY)
                .containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(SecurityHeaders.NOT_A_PAGE_POLICY).contains("default-src 'none'", "frame-ancestors 'none'");
    }

    @Test
    void strictPagePolicyAllowsNoInlineScriptOrStyleAndNoFraming() {
        assertThat(SecurityHeaders.STRICT_PAGE_POLICY).contains("script-src 'self';", "style-src 'self';",
                "connect-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void stsOnlyOverHttps() {
        assertThat(headers("text/html", false)).doesNotContainKey("Strict-Transport-Security");
        assertThat(headers("text/html", true)).containsEntry("Strict-Transport-Security", "max-age=31536000");
        assertThat(headers("application/json", true)).containsEntry("Strict-Transport-Security", "max-age=31536000");
    }

    @Test
    void swaggerUiMayUseInlineStylesButNoInlineScript() {
        assertThat(SecurityHeaders.SWAGGER_UI_PAGE_POLICY).contains("style-src 'self' 'unsafe-inline';", "script-src 'self';",
                "frame-ancestors 'none'").doesNotContain("unsafe-eval");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // tls | peer trusted | X-Forwarded-Proto values | https?
            "true  | false | ''            | true",
            "false | false | ''            | false",
            "false | false | https         | false",
            "false | true  | ''            | false",
            "false | true  | https         | true",
            "false | true  | HTTPS         | true",
            "false | true  | http          | false",
            "false | true  | 'https, http' | false",
            "false | true  | 'http, https' | true",
            "false | true  | 'http;https'  | false",
    })
    void believesForwardedProtoOnlyFromATrustedProxy(boolean tls, boolean trusted, String forwardedProto, boolean https) {
        List<String> values = forwardedProto.isEmpty() ? List.of() : List.of(forwardedProto);
        assertThat(SecurityHeaders.servedOverHttps(tls, trusted, values)).isEqualTo(https);
    }

    private static Map<String, String> headers(String contentType, boolean https) {
        Map<String, String> headers = new LinkedHashMap<>();
        SecurityHeaders.forEach(contentType, SecurityHeaders.STRICT_PAGE_POLICY, https, headers::put);
        return headers;
    }
}
