package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A gateway with a wrong route, timeout or trusted proxy refuses to start and names the key. */
class GatewayStartupTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "gateway.routes.products.path      | products    | gateway.routes.products.path",
            "gateway.routes.products.live-url  | not a url   | gateway.routes.products.live-url",
            "gateway.routes.documents.test-url | ftp://x     | gateway.routes.documents.test-url",
            "gateway.routes.copy.path          | /products   | overlaps gateway.routes.",
            "gateway.routes.deeper.path        | /documents/x | overlaps gateway.routes.",
            "gateway.upstream.read-timeout     | 0s          | gateway.upstream.read-timeout",
            "gateway.trusted-proxies           | proxy.local | gateway.trusted-proxies"})
    void refusesToStartOnABadSettingAndNamesIt(String key, String value, String message) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        // never the default H2 file under ./var: an in-memory database, should start-up get that far
        properties.put("datasources.default.url", "jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        properties.put(key, value);
        if (key.startsWith("gateway.routes.copy") || key.startsWith("gateway.routes.deeper")) {
            String name = key.split("\\.")[2];
            properties.put("gateway.routes." + name + ".live-url", "http://127.0.0.1:1");
            properties.put("gateway.routes." + name + ".test-url", "http://127.0.0.1:1");
        }

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties).close())
                .hasStackTraceContaining(message);
    }
}
