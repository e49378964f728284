package com.paperlink.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keys.KeyMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(List.of(
            new RouteConfiguration("products", "/products", "http://live:8081", "http://test:8082/"),
            new RouteConfiguration("documents", "/documents", "https://docs.example/base", "http://test:8082")));

    @ParameterizedTest(name = "{1} {0} ?{2} → {3}")
    @CsvSource(nullValues = "NULL", value = {
            "/api/v1/products,               LIVE, NULL,        http://live:8081/products",
            "/api/v1/products,               TEST, NULL,        http://test:8082/products",
            "/api/v1/products/,              LIVE, NULL,        http://live:8081/products/",
            "/api/v1/products/p_1,           LIVE, NULL,        http://live:8081/products/p_1",
            "/api/v1/products/p_1/variants,  TEST, NULL,        http://test:8082/products/p_1/variants",
            "/api/v1/products,               LIVE, page=2&size=10, http://live:8081/products?page=2&size=10",
            "/api/v1/products/a%20b,         LIVE, q=%2F,       http://live:8081/products/a%20b?q=%2F",
            "/api/v1/products/..foo,         LIVE, NULL,        http://live:8081/products/..foo",
            "/api/v1/products/p;v=1/x.,      LIVE, NULL,        http://live:8081/products/p;v=1/x.",
            "/api/v1/products/...,           LIVE, NULL,        http://live:8081/products/...",
            "/api/v1/documents/d1,           LIVE, NULL,        https://docs.example/base/documents/d1",
            "/api/v1/documents/d1,           TEST, NULL,        http://test:8082/documents/d1"})
    void routesByPathPrefixAndMode(String path, KeyMode mode, String query, String expected) {
        Optional<RouteTable.Target> target = table.match(path, query, mode);

        assertThat(target).map(RouteTable.Target::uri).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1", "/api/v1/", "/api/v1/productsX", "/api/v1/products-old/1", "/api/v1/unknown",
            "/api/v2/products", "/products", "/api/v1/Products",
            // traversal and encoded tricks never escape the prefix
            "/api/v1/products/../admin", "/api/v1/products/..", "/api/v1/products/.", "/api/v1/products/./x",
            "/api/v1/products/%2e%2e/admin", "/api/v1/products/%2E%2E", "/api/v1/products/.%2e/x",
            "/api/v1/products/%2e/x", "/api/v1/products/%252e%252e/admin", "/api/v1/products/%25252e",
            "/api/v1/products%2f..%2fadmin", "/api/v1/products/a%2fb", "/api/v1/products/a%2Fb",
            "/api/v1/products/a%5cb", "/api/v1/products\\..\\admin", "/api/v1/products/..;/admin",
            "/api/v1/products/.;x", "/api/v1/products/%00", "/api/v1/products/a%zz", "/api/v1/products/a%2",
            "/api/v1/products//x", "/api/v1//products", "/api/v1/products/%c0%ae%c0%ae",
            "/api/v1/products/a\u0000b", "/api/v1/products/;x", "/api/v1/products/..;", "/api/v1/products/x/..//"})
    void answersNotFoundForUnknownOrUnsafePaths(String path) {
        assertThat(table.match(path, null, KeyMode.LIVE)).isEmpty();
    }

    @Test
    void keepsOnlyTheNamedRoutes() {
        assertThat(table.routes()).extracting(Route::name).containsExactly("documents", "products");
    }

    @ParameterizedTest(name = "{0}: {1} / {2} / {3}")
    @CsvSource(nullValues = "NULL", value = {
            "path,     products,   http://a:1, http://b:2, gateway.routes.bad.path",
            "path,     NULL,       http://a:1, http://b:2, gateway.routes.bad.path",
            "path,     /,          http://a:1, http://b:2, gateway.routes.bad.path",
            "path,     /products/, http://a:1, http://b:2, gateway.routes.bad.path",
            "path,     /a/../b,    http://a:1, http://b:2, gateway.routes.bad.path",
            "path,     /a b,       http://a:1, http://b:2, gateway.routes.bad.path",
            "live-url, /x,         NULL,       http://b:2, gateway.routes.bad.live-url",
            "live-url, /x,         ftp://a/,   http://b:2, gateway.routes.bad.live-url",
            "live-url, /x,         not a url,  http://b:2, gateway.routes.bad.live-url",
            "live-url, /x,         /relative,  http://b:2, gateway.routes.bad.live-url",
            "test-url, /x,         http://a:1, http://b:2?x=1, gateway.routes.bad.test-url",
            "test-url, /x,         http://a:1, http://u:p@b:2, gateway.routes.bad.test-url"})
    void refusesABadRouteAndNamesTheKey(String what, String path, String live, String test, String key) {
        List<RouteConfiguration> routes = List.of(new RouteConfiguration("bad", path, live, test));

        assertThatThrownBy(() -> RouteTable.of(routes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({"/products, /products", "/products, /products/special", "/a/b, /a"})
    void refusesDuplicateOrOverlappingPaths(String first, String second) {
        List<RouteConfiguration> routes = List.of(new RouteConfiguration("a", first, "http://a", "http://a"),
                new RouteConfiguration("b", second, "http://b", "http://b"));

        assertThatThrownBy(() -> RouteTable.of(routes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.routes.b.path")
                .hasMessageContaining("overlaps gateway.routes.a.path");
    }

    @ParameterizedTest
    @CsvSource({"/key", "/key/sub"})
    void refusesARouteOnTheKeyInfoPath(String path) {
        List<RouteConfiguration> routes = List.of(new RouteConfiguration("keys", path, "http://a", "http://a"));

        assertThatThrownBy(() -> RouteTable.of(routes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gateway.routes.keys.path")
                .hasMessageContaining("reserved");
    }

    @ParameterizedTest
    @CsvSource({"Products", "my_route", "-x", "a.b"})
    void refusesARouteNameKeysCouldNotReferTo(String name) {
        List<RouteConfiguration> routes = List.of(new RouteConfiguration(name, "/x", "http://a", "http://a"));

        assertThatThrownBy(() -> RouteTable.of(routes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gateway.routes." + name);
    }

    @Test
    void acceptsAPathThatOnlyStartsLikeTheKeyInfoPath() {
        assertThat(RouteTable.of(List.of(new RouteConfiguration("keys", "/keys", "http://a", "http://a"))).names())
                .containsExactly("keys");
    }

    @Test
    void acceptsSiblingPathsThatShareAPrefixButNoSegment() {
        assertThat(RouteTable.of(List.of(new RouteConfiguration("a", "/products", "http://a", "http://a"),
                new RouteConfiguration("b", "/products-old", "http://b", "http://b"))).routes()).hasSize(2);
    }
}
