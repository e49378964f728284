package com.paperlink.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void writesEachLineWithItsTimeTagAndMessageAsUtf8() {
        List<String> lines = written(writer -> {
            writer.write(writer.line().append("GET ").append("/api/v1/products/é☃").append(" status=").append(200)
                    .append(" upstream_ms=").append(-1L).append(" max=").append(Long.MAX_VALUE)
                    .append(" min=").append(Long.MIN_VALUE).append(' ').append('…').append(" zero=").append(0));
            writer.write("plain message");
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ACCESS .*")
                .endsWith(" ACCESS GET /api/v1/products/é☃ status=200 upstream_ms=-1 max=9223372036854775807"
                        + " min=-9223372036854775808 … zero=0");
        assertThat(lines.get(1)).endsWith(" ACCESS plain message");
    }

    @Test
    void aLineBuilderGrowsForLongMessagesAndIsEmptyAgainForTheNextLine() {
        String longPath = "/x".repeat(400);
        List<String> lines = written(writer -> {
            writer.write(writer.line().append(longPath));
            writer.write(writer.line().append("short"));
        });

        assertThat(lines.get(0)).endsWith(" ACCESS " + longPath);
        assertThat(lines.get(1)).endsWith(" ACCESS short");
    }

    @Test
    void formatsTheTimeLikeIso8601WithMillisecondsAcrossSecondsAndDays() {
        try (AccessLogWriter writer = new AccessLogWriter()) {
            for (long millis : new long[] {0, 999, 1000, 1_795_841_332_059L, 1_795_841_332_999L, 1_795_841_333_000L,
                    1_795_871_999_999L, 1_795_872_000_000L, 1_795_872_000_007L, 1_795_872_000_070L}) {
                assertThat(new String(writer.time(millis), StandardCharsets.US_ASCII))
                        .as("%d", millis).isEqualTo(ISO.format(Instant.ofEpochMilli(millis)));
            }
        }
    }

    private static List<String> written(java.util.function.Consumer<AccessLogWriter> lines) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (AccessLogWriter writer = new AccessLogWriter()) {
            lines.accept(writer);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
