package com.paperlink.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusClassTest {

    @ParameterizedTest(name = "{0} counts as {1}")
    @CsvSource({
            "101, 2xx", "200, 2xx", "201, 2xx", "204, 2xx", "301, 2xx", "304, 2xx", "399, 2xx",
            "400, 4xx", "401, 4xx", "403, 4xx", "404, 4xx", "405, 4xx", "428, 4xx", "430, 4xx", "499, 4xx",
            "429, 429",
            "500, 5xx", "502, 5xx", "503, 5xx", "504, 5xx", "599, 5xx", "999, 5xx"})
    void mapsEveryStatusToOneClass(int status, String wire) {
        assertThat(StatusClass.of(status).wire()).isEqualTo(wire);
    }
}
