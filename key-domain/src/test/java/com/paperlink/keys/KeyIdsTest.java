package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdsTest {

    @Test
    void newIdsAreWellFormedAndDistinct() {
        String a = KeyIds.newId();
        String b = KeyIds.newId();
        assertThat(KeyIds.isWellFormed(a)).isTrue();
        assertThat(a).isNotEqualTo(b).startsWith("key_").hasSize(24);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "key_", "key_abc", "KEY_0123456789abcdefghij", "key_0123456789abcdefgh-j", "key_0123456789abcdefghijk"})
    void rejectsMalformedIds(String id) {
        assertThat(KeyIds.isWellFormed(id)).isFalse();
    }
}
