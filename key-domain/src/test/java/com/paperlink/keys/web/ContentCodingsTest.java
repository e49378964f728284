package com.paperlink.keys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentCodingsTest {

    private static final List<String> GZIP_DEFLATE = List.of("gzip", "deflate");

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "IDENTITY", value = {
            "gzip                          | gzip",
            "GZip                          | gzip",
            "x-gzip                        | gzip",
            "deflate                       | deflate",
            "gzip, deflate, br, zstd       | gzip",
            "deflate, gzip                 | gzip",
            "deflate;q=1, gzip;q=0.5       | deflate",
            "gzip;q=0.001                  | gzip",
            "*                             | gzip",
            "*;q=0.5                       | gzip",
            "*, gzip;q=0                   | deflate",
            "*, gzip;q=0, deflate;q=0      | IDENTITY",
            "*;q=0                         | IDENTITY",
            "snappy                        | IDENTITY",
            "snappy, *;q=0                 | IDENTITY",
            "snappy, gzip;q=0.1            | gzip",
            "br, zstd                      | IDENTITY",
            "identity                      | IDENTITY",
            "identity, *;q=0               | IDENTITY",
            "gzip;q=0                      | IDENTITY",
            "gzip;q=1.5                    | IDENTITY",
            "gzip;q=abc                    | IDENTITY",
            "gzip;q=0.0001                 | IDENTITY",
            "gzip ; Q=0.8 , deflate;q=0.9  | deflate",
            "gzip;level=1                  | gzip",
            "',,, ,'                       | IDENTITY",
            "xgzipx, brotli                | IDENTITY",
    })
    void choosesOnlyARegisteredCodingTheClientAccepts(String header, String expected) {
        assertThat(ContentCodings.choose(header, GZIP_DEFLATE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "*                          | br, zstd, gzip, deflate",
            "gzip, deflate, br          | br, gzip, deflate",
            "gzip;q=0.5, br;q=0.2, *;q=0 | gzip, br",
            "snappy                     | identity",
            "*, br;q=0, zstd;q=0        | gzip, deflate",
            "identity                   | identity",
    })
    void tellsTheUpstreamOnlyRegisteredCodingsTheClientAccepts(String header, String expected) {
        assertThat(ContentCodings.forUpstream(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"br, gzip | br", "zstd, gzip;q=0.9 | zstd", "* | br"})
    void prefersBrotliAndZstdWhenTheServerHasTheirEncoders(String header, String expected) {
        assertThat(ContentCodings.choose(header, ContentCodings.REGISTERED)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void noHeaderMeansIdentityAndNothingToForward() {
        assertThat(ContentCodings.choose(null, GZIP_DEFLATE)).isNull();
        assertThat(ContentCodings.choose("", GZIP_DEFLATE)).isNull();
        assertThat(ContentCodings.forUpstream(null)).isNull();
    }
}
