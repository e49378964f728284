package com.paperlink.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which request targets the pipeline takes: origin form, or absolute form reduced to its path. */
class RequestTargetTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "/api/v1/products, /api/v1/products",
            "http://evil.example/api/v1/products, /api/v1/products",
            "HTTPS://host:8443/api/v1?x=1, /api/v1?x=1",
            "http://host, /",
            "h://host/api/v1/products, null",
            "ftp://host/api/v1/products, null",
            "*, null",
            "host:443, null"})
    void reducesATargetToItsOriginForm(String uri, String expected) {
        assertThat(ApiConnectionHandler.originForm(uri)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"/api/v1, true", "/api/v1/products, true", "/api/v1?x=1, true", "/api/v1#f, true",
            "/api/v10/products, false", "/api/docs, false", "/health, false", "/API/v1/products, false"})
    void takesOnlyThePublicApi(String target, boolean api) {
        assertThat(ApiConnectionHandler.isApi(target)).isEqualTo(api);
    }
}
