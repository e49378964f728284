package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keyadmin.error.ApiException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "192.0.2.7, 192.0.2.7",
            "' 192.0.2.7 ', 192.0.2.7",
            "10.1.2.3/8, 10.0.0.0/8",
            "10.0.0.0/32, 10.0.0.0/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:DB8:0:0::1, 2001:db8::1",
            "2001:db8::/32, 2001:db8::/32",
            "::1, ::1",
            "::ffff:192.0.2.1, ::ffff:c000:201",
    })
    void normalisesValidEntries(String entry, String stored) {
        assertThat(AllowedIps.normalise(List.of(entry))).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "256.0.0.1", "10.0.0.0/33", "2001:db8::/129",
            "10.0.0.1-10.0.0.9", "10.0.0.*", "*", "1.2.3.4/", "/24", "010.0.0.1", "1.2.3.4, 5.6.7.8", "1.2.3.4/8/8"})
    void rejectsAnythingElse(String entry) {
        assertThatThrownBy(() -> AllowedIps.normalise(List.of(entry)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("allowedIps"));
    }

    @Test
    void joinsDeduplicatedEntriesWithCommas() {
        assertThat(AllowedIps.normalise(List.of("192.0.2.1", "2001:db8::1", "192.0.2.1")))
                .isEqualTo("192.0.2.1,2001:db8::1");
        assertThat(AllowedIps.fromColumn("192.0.2.1,2001:db8::1")).containsExactly("192.0.2.1", "2001:db8::1");
    }

    @Test
    void emptyMeansAnyAddress() {
        assertThat(AllowedIps.normalise(List.of())).isNull();
        assertThat(AllowedIps.fromColumn(null)).isNull();
    }

    @Test
    void acceptsFiftyButNotFiftyOne() {
        assertThat(AllowedIps.normalise(Collections.nCopies(50, "192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThatThrownBy(() -> AllowedIps.normalise(Collections.nCopies(51, "192.0.2.1")))
                .isInstanceOf(ApiException.class);
    }
}
