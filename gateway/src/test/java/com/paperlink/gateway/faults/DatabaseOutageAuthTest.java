package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.auth.AuthOutcome;
import com.paperlink.gateway.auth.KeyAuthenticator;
import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.gateway.usage.BatchingKeyUsageRecorder;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.PrivatePostgres;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops while the gateway runs (a private cluster, never the machine's): keys already in
 * memory keep working, keys never seen get 503 rather than 401, last-used writes wait and are not
 * lost, and everything recovers when the database returns, without a restart.
 */
class DatabaseOutageAuthTest {

    private static PrivatePostgres postgres;
    private static ApplicationContext context;
    private static TestKeys keys;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        postgres.createDatabase("paperlink");
        String url = postgres.jdbcUrl("paperlink");
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                // Short, so the test sees entries go stale during the outage.
                "gateway.auth.fresh-for", "100ms",
                "gateway.auth.max-age", "200ms"), "test");
        keys = new TestKeys(() -> DriverManager.getConnection(url, "postgres", ""));
    }

    @AfterAll
    static void stop() {
        FaultGateway.closeAll(context, postgres);
    }

    @Test
    void cachedKeysKeepWorkingUnknownKeysGetUnavailableAndLastUseIsKeptUntilTheDatabaseReturns() throws Exception {
        KeyAuthenticator authenticator = context.getBean(KeyAuthenticator.class);
        BatchingKeyUsageRecorder recorder = context.getBean(BatchingKeyUsageRecorder.class);
        TestKeys.Created known = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        TestKeys.Created notYetSeen = keys.create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
        assertThat(outcome(authenticator, known.bearer())).isEqualTo(AuthOutcome.VALID);

        postgres.stopServer();
        try {
            Thread.sleep(300); // older than max-age: every request now tries the database first
            assertThat(outcome(authenticator, known.bearer())).isEqualTo(AuthOutcome.VALID);
            assertThat(outcome(authenticator, notYetSeen.bearer())).isEqualTo(AuthOutcome.UNAVAILABLE);
            assertThat(outcome(authenticator, "Bearer " + ApiKeyToken.generate(KeyMode.LIVE).reveal()))
                    .isEqualTo(AuthOutcome.UNAVAILABLE);

            recorder.tally(known.id(), "team_a").used(InetAddress.getByName("198.51.100.1"));
            recorder.flush();
            assertThat(recorder.pending()).as("a failed batch is kept for the next flush").isEqualTo(1);
        } finally {
            postgres.startServer();
        }

        // The pool reconnects by itself; the first lookups may still meet a connection attempt from the outage.
        awaitValid(authenticator, notYetSeen.bearer());
        recorder.flush();
        assertThat(recorder.pending()).isZero();
        assertThat(keys.lastUsedAt(known.id())).isNotNull();
    }

    private static void awaitValid(KeyAuthenticator authenticator, String header) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        AuthOutcome last;
        while ((last = outcome(authenticator, header)) != AuthOutcome.VALID && System.nanoTime() < deadline) {
            assertThat(last).isEqualTo(AuthOutcome.UNAVAILABLE);
            Thread.sleep(200);
        }
        assertThat(last).as("recovered without a restart").isEqualTo(AuthOutcome.VALID);
    }

    private static AuthOutcome outcome(KeyAuthenticator authenticator, String header) {
        return authenticator.authenticate(header).toCompletableFuture().join().outcome();
    }
}
