package com.paperlink.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C Trace Context level 1, §3.2 (traceparent format) and §4.3 (versioning): what is kept, what starts a new trace. */
class TraceParentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the recommendation's example
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 00",
            // unknown flag bits are kept as sent
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 09",
            // surrounding optional whitespace
            "'  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ' | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 01",
            // a higher version: its first four fields are read as version 00's, the rest ignored
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 01",
            "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-brings | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 01",
    })
    void keepsAValidTraceparent(String header, String traceId, String parentId, String flags) {
        TraceParent parsed = TraceParent.parse(header);

        assertThat(parsed).isEqualTo(new TraceParent(traceId, parentId, flags));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullAndEmptySource
    @ValueSource(strings = {
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // uppercase hex
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff is invalid
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 is exactly 55 characters
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01extra", // a longer future version needs a '-'
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id one digit short
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", // parent id one digit short
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", // flags one digit short
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version not hex
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x", // flags not hex
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902g7-01", // parent id not hex
            "4bf92f3577b34da6a3ce929d0e0e4736", // a bare trace id
            "garbage",
    })
    void startsANewTraceForAnInvalidOne(String header) {
        assertThat(TraceParent.parse(header)).isNull();
    }

    @Test
    void aNewTraceHasRandomNonZeroIdsAndIsSampled() {
        TraceParent first = TraceParent.newTrace();
        TraceParent second = TraceParent.newTrace();

        assertThat(TraceParent.parse(first.header())).isEqualTo(first);
        assertThat(first.traceId()).hasSize(32).isNotEqualTo(second.traceId());
        assertThat(first.parentId()).hasSize(16).isNotEqualTo(second.parentId());
        assertThat(first.sampled()).isTrue();
    }

    @Test
    void aChildKeepsTheTraceAndFlagsWithANewParent() {
        TraceParent parent = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");

        TraceParent child = parent.child("b7ad6b7169203331");

        assertThat(child.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-00");
        assertThat(child.sampled()).isFalse();
    }
}
