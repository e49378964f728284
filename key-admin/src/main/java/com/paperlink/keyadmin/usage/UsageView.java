package com.paperlink.keyadmin.usage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Usage over a range: one bucket per hour or UTC day, oldest first, every bucket present (zeros included). */
@Serdeable
@Schema(name = "Usage")
public record UsageView(
        @Schema(type = "string", allowableValues = {"hour", "day"}) String granularity,
        @Schema(description = "Start of the first bucket (the query's from, rounded down to its bucket)") Instant from,
        @Schema(description = "End of the range, exclusive") Instant to,
        List<Bucket> buckets) {

    /** Requests answered in one bucket; {@code total} is the sum of {@code byStatus}. */
    @Serdeable
    @Schema(name = "UsageBucket")
    public record Bucket(Instant start, long total, ByStatus byStatus) {
    }

    /**
     * Requests by the status class of their answer: below 400 (1xx, 2xx, 3xx) in {@code 2xx}; 429 apart from the
     * other 4xx; 500 and above in {@code 5xx}.
     */
    @Serdeable
    @Schema(name = "UsageByStatus")
    public record ByStatus(
            @JsonProperty("2xx") @Schema(name = "2xx", description = "Answers below 400 (1xx, 2xx, 3xx)") long success,
            @JsonProperty("4xx") @Schema(name = "4xx", description = "Client errors other than 429") long clientError,
            @JsonProperty("429") @Schema(name = "429", description = "Rejected by the rate limit") long rateLimited,
            @JsonProperty("5xx") @Schema(name = "5xx", description = "Answers of 500 and above") long serverError) {

        long total() {
            return success + clientError + rateLimited + serverError;
        }
    }
}
