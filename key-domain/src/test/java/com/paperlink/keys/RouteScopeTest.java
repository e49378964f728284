package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteScopeTest {

    @ParameterizedTest(name = "scope ''{0}'' allows {1}: {2}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL,                products,  true",
            "'',                  products,  true",
            "documents,           documents, true",
            "documents,           products,  false",
            "'documents,products', products,  true",
            "'documents,products', orders,    false",
            "documents,           document,  false",
    })
    void allowsOnlyListedRoutesOrEveryRouteWhenUnrestricted(String column, String route, boolean allowed) {
        assertThat(RouteScope.fromColumn(column).allows(route)).isEqualTo(allowed);
    }

    @Test
    void storesNamesSortedAndUniqueAndEveryRouteAsNull() {
        assertThat(RouteScope.of(List.of("products", "documents", "products")).toColumn())
                .isEqualTo("documents,products");
        assertThat(RouteScope.of(List.of()).toColumn()).isNull();
        assertThat(RouteScope.fromColumn("documents,products").names()).containsExactly("documents", "products");
    }

    @ParameterizedTest
    @CsvSource({"documents, true", "my-route2, true", "Documents, false", "a b, false", "-x, false", "'', false"})
    void acceptsConfigurationStyleNames(String name, boolean valid) {
        assertThat(RouteScope.NAME.matcher(name).matches()).isEqualTo(valid);
    }
}
