package com.paperlink.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.KeyScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopePolicyTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "READ_ONLY,  GET,     ALLOWED",
            "READ_ONLY,  HEAD,    ALLOWED",
            "READ_ONLY,  POST,    SCOPE_INSUFFICIENT",
            "READ_ONLY,  PATCH,   SCOPE_INSUFFICIENT",
            "READ_ONLY,  DELETE,  SCOPE_INSUFFICIENT",
            "READ_ONLY,  PUT,     METHOD_NOT_ALLOWED",
            "READ_ONLY,  OPTIONS, METHOD_NOT_ALLOWED",
            "READ_WRITE, GET,     ALLOWED",
            "READ_WRITE, HEAD,    ALLOWED",
            "READ_WRITE, POST,    ALLOWED",
            "READ_WRITE, PATCH,   ALLOWED",
            "READ_WRITE, DELETE,  ALLOWED",
            "READ_WRITE, PUT,     METHOD_NOT_ALLOWED",
            "READ_WRITE, OPTIONS, METHOD_NOT_ALLOWED",
            "READ_WRITE, TRACE,   METHOD_NOT_ALLOWED",
            "READ_WRITE, CONNECT, METHOD_NOT_ALLOWED",
            "READ_WRITE, PROPFIND, METHOD_NOT_ALLOWED",
            "READ_WRITE, get,     METHOD_NOT_ALLOWED"})
    void decidesByScopeAndMethod(KeyScope scope, String method, ScopePolicy.Decision expected) {
        assertThat(ScopePolicy.decide(scope, method)).isEqualTo(expected);
    }

    @Test
    void allowHeaderListsTheApiMethods() {
        assertThat(ScopePolicy.ALLOW).isEqualTo("GET, HEAD, POST, PATCH, DELETE");
    }
}
