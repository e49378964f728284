package com.paperlink.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-123", "A.b_C-9", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void keepsASaneClientId(String id) {
        assertThat(RequestIds.acceptOrCreate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "a b", "id\r\nX-Injected: 1", "<script>", "ä", "x/y"})
    void replacesAMissingOrUnsafeId(String id) {
        String created = RequestIds.acceptOrCreate(id);

        assertThat(created).isNotEqualTo(id).matches("req_[0-9a-f]{32}");
    }

    @Test
    void replacesAnIdLongerThan128Characters() {
        assertThat(RequestIds.acceptOrCreate("a".repeat(129))).startsWith("req_");
    }

    @Test
    void createsADifferentIdEachTime() {
        assertThat(RequestIds.acceptOrCreate(null)).isNotEqualTo(RequestIds.acceptOrCreate(null));
    }
}
