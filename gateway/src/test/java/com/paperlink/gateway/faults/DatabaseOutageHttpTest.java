package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.PrivatePostgres;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stops under a running gateway, seen over HTTP: a key the gateway already knows keeps
 * working, an unseen key gets 503 auth_unavailable with the error shape and Retry-After (never 401,
 * never a hang), and the gateway recovers by itself when the database returns.
 */
@Timeout(120)
class DatabaseOutageHttpTest {

    private static PrivatePostgres postgres;
    private static MisbehavingUpstream upstream;
    private static FaultGateway gateway;
    private static TestKeys keys;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("paperlink");
        String url = postgres.jdbcUrl("paperlink");
        upstream = MisbehavingUpstream.start();
        Map<String, Object> props = FaultGateway.baseProperties("dboutagehttp", Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver"), upstream.url(), upstream.url());
        props.put("gateway.auth.fresh-for", "100ms"); // entries go stale during the outage
        props.put("gateway.auth.max-age", "200ms");
        gateway = FaultGateway.start(props);
        keys = new TestKeys(() -> DriverManager.getConnection(url, "postgres", ""));
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(gateway, upstream, postgres);
    }

    @Test
    void knownKeysKeepWorkingUnseenKeysGetUnavailableAndTheGatewayRecoversByItself() throws Exception {
        TestKeys.Created known = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        TestKeys.Created unseen = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        assertThat(gateway.get("/api/v1/products", known.bearer()).statusCode()).isEqualTo(200);

        postgres.stopServer();
        try {
            Thread.sleep(300); // past max-age: every request tries the database first
            for (int i = 0; i < 10; i++) {
                assertThat(gateway.get("/api/v1/products", known.bearer()).statusCode()).isEqualTo(200);
            }
            long start = System.nanoTime();
            HttpResponse<String> response = gateway.get("/api/v1/products", unseen.bearer());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(FaultGateway.hasErrorShape(response.body(), "auth_unavailable")).as(response.body()).isTrue();
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hang").isLessThan(Duration.ofSeconds(10));
            assertThat(gateway.health()).as("health endpoint still answers").isIn(200, 503);
        } finally {
            postgres.startServer();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        while ((status = gateway.get("/api/v1/products", unseen.bearer()).statusCode()) != 200
                && System.nanoTime() < deadline) {
            assertThat(status).isEqualTo(503);
            Thread.sleep(250);
        }
        assertThat(status).as("recovered without a restart").isEqualTo(200);
    }
}
