package com.paperlink.stub;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * How this instance runs: which data set it serves ({@code STUB_MODE=live|test}) and the caps
 * that keep its memory bounded however long it runs and whatever callers send.
 *
 * @param mode            {@code live} or {@code test}; seeds differ so a caller sees which one answered
 * @param maxTeams        teams kept in memory; the least recently used team is forgotten beyond it
 * @param maxItemsPerTeam products (and, separately, documents) one team may hold
 */
@ConfigurationProperties("stub")
public record StubSettings(
        @Bindable(defaultValue = "live") @Pattern(regexp = "live|test", message = "must be live or test") String mode,
        @Bindable(defaultValue = "1000") @Min(1) @Max(100_000) int maxTeams,
        @Bindable(defaultValue = "500") @Min(1) @Max(10_000) int maxItemsPerTeam) {

    public boolean isTest() {
        return "test".equals(mode);
    }
}
