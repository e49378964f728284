package com.paperlink.keys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PATCH", "DELETE");
    private final CorsPolicy policy = CorsPolicy.of("gateway.cors.allowed-origins",
            List.of("https://App.Example.com", " http://localhost:3000 "), METHODS);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "https://app.example.com, GET, true",
            "https://APP.example.com, PATCH, true",
            "http://localhost:3000, DELETE, true",
            "https://app.example.com, PUT, false",
            "https://app.example.com, OPTIONS, false",
            "http://app.example.com, GET, false",
            "https://app.example.com:8443, GET, false",
            "https://evil.example.com, GET, false",
            "null, GET, false",
    })
    void answersAPreflightOnlyForAListedOriginAndAMethodOfTheService(String origin, String method, boolean allowed) {
        Map<String, String> headers = policy.preflight(origin, method);
        assertThat(headers != null).isEqualTo(allowed);
        if (allowed) {
            assertThat(headers).containsEntry("Access-Control-Allow-Origin", origin)
                    .containsEntry("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, DELETE")
                    .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
                    .containsKey("Access-Control-Max-Age").doesNotContainKey("Access-Control-Allow-Credentials");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "app.example.com", "https://app.example.com/", "https://app.example.com/path",
            "ftp://app.example.com", "https://user@app.example.com", "https://"})
    void refusesToStartOnSomethingThatIsNotAnOrigin(String origin) {
        assertThatThrownBy(() -> CorsPolicy.of("key-admin.cors.allowed-origins", List.of(origin), METHODS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key-admin.cors.allowed-origins");
    }

    @Test
    void noOriginsByDefault() {
        CorsPolicy none = CorsPolicy.of("gateway.cors.allowed-origins", null, METHODS);
        assertThat(none.isEnabled()).isFalse();
        assertThat(none.preflight("https://app.example.com", "GET")).isNull();
    }

    @Test
    void exposesTheRateLimitHeadersToAListedOriginOnly() {
        Map<String, String> headers = new HashMap<>();
        policy.decorate("https://evil.example.com", headers::put);
        assertThat(headers).isEmpty();
        policy.decorate("https://app.example.com", headers::put);
        assertThat(headers.get("Access-Control-Expose-Headers")).contains("X-RateLimit-Remaining", "Retry-After", "RateLimit");
        assertThat(headers).containsEntry("Vary", "Origin");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"OPTIONS, https://a.example, GET, true", "OPTIONS, NULL, GET, false",
            "OPTIONS, https://a.example, NULL, false", "GET, https://a.example, GET, false"})
    void aPreflightIsAnOptionsRequestWithOriginAndRequestMethod(String method, String origin, String requested, boolean expected) {
        assertThat(CorsPolicy.isPreflight(method, origin, requested)).isEqualTo(expected);
    }
}
