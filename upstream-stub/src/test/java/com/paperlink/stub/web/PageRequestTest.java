package com.paperlink.stub.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @ParameterizedTest(name = "page={0} size={1} limit={2} offset={3} → offset {4}, size {5}, page {6}")
    @CsvSource(nullValues = "-", value = {
            "-, -, -, -, 0, 20, 1",
            "1, 10, -, -, 0, 10, 1",
            "3, 10, -, -, 20, 10, 3",
            "-, 100, -, -, 0, 100, 1",
            "-, -, 5, 10, 10, 5, 3",
            "-, -, 5, 12, 12, 5, 3",
            "-, -, -, 40, 40, 20, 3",
    })
    void readsEitherPagingStyle(String page, String size, String limit, String offset,
                                int expectedOffset, int expectedSize, int expectedPage) {
        PageRequest request = PageRequest.of(page, size, limit, offset);

        assertThat(request.offset()).isEqualTo(expectedOffset);
        assertThat(request.size()).isEqualTo(expectedSize);
        assertThat(request.page()).isEqualTo(expectedPage);
    }

    @ParameterizedTest(name = "page={0} size={1} limit={2} offset={3} → names {4}")
    @CsvSource(nullValues = "-", value = {
            "0, -, -, -, page",
            "x, -, -, -, page",
            "-, 101, -, -, size",
            "-, 0, -, -, size",
            "-, -, 0, -, limit",
            "-, -, -, -1, offset",
            "1, -, 5, -, page",
    })
    void refusesOutOfRangeValuesNamingTheParameter(String page, String size, String limit, String offset, String field) {
        assertThatThrownBy(() -> PageRequest.of(page, size, limit, offset))
                .isInstanceOfSatisfying(StubException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).startsWith(field + ":");
                });
    }

    @Test
    void slicesPastTheEndToAnEmptyPageWithTheTotal() {
        List<Integer> all = IntStream.range(0, 7).boxed().toList();

        Page<Integer> last = Page.slice(all, PageRequest.of("2", "5", null, null));
        Page<Integer> beyond = Page.slice(all, PageRequest.of("9", "5", null, null));

        assertThat(last.data()).containsExactly(5, 6);
        assertThat(last.total()).isEqualTo(7);
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
    }
}
