package com.paperlink.keyadmin.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keyadmin.error.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:34:56Z");

    @ParameterizedTest(name = "from={0} to={1} granularity={2} → {3}..{4}, {5} buckets")
    @CsvSource(nullValues = "-", value = {
            "-,                    -,                    -,    2026-11-16T00:00:00Z, 2026-11-23T12:34:56Z, 8",
            "-,                    -,                    day,  2026-11-16T00:00:00Z, 2026-11-23T12:34:56Z, 8",
            "-,                    -,                    hour, 2026-11-22T12:00:00Z, 2026-11-23T12:34:56Z, 25",
            "2026-11-20,           2026-11-23,           day,  2026-11-20T00:00:00Z, 2026-11-23T00:00:00Z, 3",
            "2026-11-20T10:30:00Z, 2026-11-20T12:00:00Z, hour, 2026-11-20T10:00:00Z, 2026-11-20T12:00:00Z, 2",
            "2026-11-20T10:30:00+02:00, 2026-11-20T12:00:00+02:00, hour, 2026-11-20T08:00:00Z, 2026-11-20T10:00:00Z, 2",
            "2026-10-23T00:00:00Z, 2026-11-23T00:00:00Z, hour, 2026-10-23T00:00:00Z, 2026-11-23T00:00:00Z, 744",
            "2026-08-23,           2026-11-23,           day,  2026-08-23T00:00:00Z, 2026-11-23T00:00:00Z, 92"})
    void acceptsAndNormalises(String from, String to, String granularity, Instant first, Instant end, int buckets) {
        UsageRange range = UsageRange.parse(from, to, granularity, NOW);

        assertThat(range.from()).isEqualTo(first);
        assertThat(range.to()).isEqualTo(end);
        assertThat(range.bucketStarts()).hasSize(buckets).startsWith(first);
    }

    @ParameterizedTest(name = "from={0} to={1} granularity={2} → 400 on {3}")
    @CsvSource(nullValues = "-", value = {
            "-,                    -,                    week,  granularity",
            "-,                    -,                    HOUR,  granularity",
            "yesterday,            -,                    day,   from",
            "2026-11-20T10:00:00,  -,                    day,   from",
            "-,                    1700000000,           day,   to",
            "-,                    2026-13-01,           day,   to",
            "2026-11-23,           2026-11-23,           day,   from",
            "2026-11-24,           2026-11-23,           day,   from",
            "2026-10-22T23:00:00Z, 2026-11-23T00:00:00Z, hour,  from",
            "2026-08-22,           2026-11-23,           day,   from",
            "1900-01-01,           2026-11-23,           day,   from",
            "-,                    +999999999-12-31T23:59:59Z, day, to"})
    void rejectsWithTheParameterNamed(String from, String to, String granularity, String field) {
        assertThatThrownBy(() -> UsageRange.parse(from, to, granularity, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void bucketsAreUtcDays() {
        UsageRange range = UsageRange.parse("2026-11-20T23:30:00-05:00", "2026-11-22T00:00:00Z", "day", NOW);

        assertThat(range.bucketStarts()).containsExactly(Instant.parse("2026-11-21T00:00:00Z"));
    }
}
