package com.paperlink.keyadmin.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A key's own rate limit at the gateway: at most {@code requests} in any {@code windowSeconds}-second window. */
@Serdeable
@Schema(name = "RateLimit", description = "The key's own sliding-window limit at the gateway")
public record RateLimit(
        @Schema(minimum = "1", maximum = "100000", example = "1000") int requests,
        @Schema(minimum = "1", maximum = "3600", example = "60") int windowSeconds) {

    public static final int MAX_REQUESTS = 100_000;
    public static final int MAX_WINDOW_SECONDS = 3_600;

    /** From the two columns; {@code null} (the gateway's default) when they are not set. */
    @Nullable
    static RateLimit fromColumns(@Nullable Integer requests, @Nullable Integer windowSeconds) {
        return requests == null || windowSeconds == null ? null : new RateLimit(requests, windowSeconds);
    }

    @Override
    public String toString() {
        return requests + " per " + windowSeconds + " s";
    }
}
