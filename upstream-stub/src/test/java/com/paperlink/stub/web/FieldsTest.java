package com.paperlink.stub.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTest {

    static Stream<Object[]> goodAmounts() {
        return Stream.of(new Object[]{"19.99", "19.99"}, new Object[]{19.9, "19.90"}, new Object[]{7, "7.00"},
                new Object[]{" 0 ", "0.00"}, new Object[]{"999999999.99", "999999999.99"});
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("goodAmounts")
    void readsAmountsAsNumbersOrDecimalStrings(Object sent, String expected) {
        BigDecimal amount = Fields.of(Map.of("price", sent), Set.of("price")).amount("price");

        assertThat(amount.toPlainString()).isEqualTo(expected);
    }

    static Stream<Object> badAmounts() {
        return Stream.of("-1", -0.5, "1.999", "abc", "1e3x", true, List.of(1), "1000000000", "12345678901234567890123");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAmounts")
    void refusesAmountsNamingTheField(Object sent) {
        Fields fields = Fields.of(Map.of("price", sent), Set.of("price"));

        assertThatThrownBy(() -> fields.amount("price")).hasMessageStartingWith("price:");
    }

    @Test
    void refusesFieldsThatAreNotWritableByName() {
        assertThatThrownBy(() -> Fields.of(Map.of("id", "prod_x"), Set.of("name")))
                .hasMessage("id: is not a writable field");
    }

    @Test
    void tellsAMissingFieldFromOneOfTheWrongType() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", 5);
        Fields fields = Fields.of(body, Set.of("name", "title"));

        assertThatThrownBy(() -> fields.text("title", 10, null, null)).hasMessage("title: is required");
        assertThatThrownBy(() -> fields.text("name", 10, null, null)).hasMessage("name: must be a string");
    }

    @Test
    void trimsTextAndRefusesBlank() {
        Fields fields = Fields.of(Map.of("name", "  Pen  ", "blank", "   "), Set.of("name", "blank"));

        assertThat(fields.text("name", 10, null, null)).isEqualTo("Pen");
        assertThatThrownBy(() -> fields.text("blank", 10, null, null)).hasMessageStartingWith("blank:");
    }

    @Test
    void refusesFractionalOrOutOfRangeWholeNumbers() {
        Fields fields = Fields.of(Map.of("a", 1.5, "b", -1, "c", 3), Set.of("a", "b", "c"));

        assertThatThrownBy(() -> fields.integer("a", 0, 10)).hasMessageStartingWith("a:");
        assertThatThrownBy(() -> fields.integer("b", 0, 10)).hasMessageStartingWith("b:");
        assertThat(fields.integer("c", 0, 10)).isEqualTo(3);
    }
}
