package com.paperlink.keyadmin.usage;

import com.paperlink.keyadmin.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The buckets a usage query asks for: {@code granularity} {@code hour} or {@code day} (UTC days), from the bucket
 * holding {@code from} up to {@code to} (exclusive). Defaults: {@code day}, {@code to} = now, {@code from} = 7 days
 * (day) or 24 hours (hour) before {@code to}. Bounded, so one query never asks for more than 31 days of hours or
 * 92 days of days (usage is kept 90 days).
 *
 * @param from the first bucket's start (the query's {@code from} rounded down to its bucket)
 * @param to   the end of the range, exclusive (the last bucket is the one holding the instant before it)
 */
public record UsageRange(Granularity granularity, Instant from, Instant to) {

    /** A bucket's length and its name on the wire and in the {@code key_usage.granularity} column. */
    public enum Granularity {
        HOUR(ChronoUnit.HOURS, Duration.ofDays(31), Duration.ofHours(24)),
        DAY(ChronoUnit.DAYS, Duration.ofDays(92), Duration.ofDays(7));

        final ChronoUnit unit;
        final Duration maxRange;
        final Duration defaultRange;

        Granularity(ChronoUnit unit, Duration maxRange, Duration defaultRange) {
            this.unit = unit;
            this.maxRange = maxRange;
            this.defaultRange = defaultRange;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    /** Validates the query parameters; every problem is a 400 {@code validation_failed} naming the parameter. */
    public static UsageRange parse(@Nullable String from, @Nullable String to, @Nullable String granularity,
                                   Instant now) {
        Granularity unit = granularity(granularity);
        Instant end = to == null || to.isBlank() ? now : instant(to, "to");
        Instant start = from == null || from.isBlank() ? end.minus(unit.defaultRange) : instant(from, "from");
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to.");
        }
        Instant first = floor(start, unit);
        if (Duration.between(first, end).compareTo(unit.maxRange) > 0) {
            throw ApiException.invalid("from", "At most " + unit.maxRange.toDays() + " days of " + unit.wire()
                    + "ly buckets per query; narrow from and to.");
        }
        return new UsageRange(unit, first, end);
    }

    /** Every bucket start of the range, oldest first. */
    public List<Instant> bucketStarts() {
        List<Instant> starts = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(1, granularity.unit)) {
            starts.add(start);
        }
        return starts;
    }

    private static Granularity granularity(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Granularity.DAY;
        }
        return switch (value) {
            case "hour" -> Granularity.HOUR;
            case "day" -> Granularity.DAY;
            default -> throw ApiException.invalid("granularity", "granularity must be one of: hour, day.");
        };
    }

    /** An ISO-8601 date-time with offset ({@code 2026-11-20T00:00:00Z}) or a date ({@code 2026-11-20}, UTC midnight). */
    private static Instant instant(String value, String field) {
        Instant parsed;
        try {
            parsed = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field + " must be an ISO-8601 date-time with an offset, e.g. "
                    + "2026-11-20T00:00:00Z, or a date, e.g. 2026-11-20.");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw ApiException.invalid(field, field + " must be between the years 2000 and 9999.");
        }
        return parsed;
    }

    private static Instant floor(Instant at, Granularity unit) {
        return at.truncatedTo(unit.unit); // UTC: Instant truncation is in UTC
    }
}
