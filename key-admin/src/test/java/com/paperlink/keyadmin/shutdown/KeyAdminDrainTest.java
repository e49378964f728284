package com.paperlink.keyadmin.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * key-admin in a process of its own gets SIGTERM while a key is being created (held on the team's lock row by this
 * test): readiness (on a management port) turns DOWN at once, new connections are refused, the create completes
 * with 201 once the lock is let go, and the process exits 0.
 */
class KeyAdminDrainTest {

    private static final String TEAM = "team_drain";

    private final TestDatabase database = TestDatabase.create("keyadmindrain");
    private ServiceProcess keyAdmin;

    @AfterEach
    void stop() {
        if (keyAdmin != null) {
            keyAdmin.stop();
        }
        database.close();
    }

    @Test
    void sigtermLetsACreateInFlightFinishAndExitsZero() throws Exception {
        int management = ServiceProcess.freePort();
        String readiness = "http://127.0.0.1:" + management + "/health/readiness";
        keyAdmin = ServiceProcess.startMain("key-admin-drain", "com.paperlink.keyadmin.KeyAdminApplication",
                ServiceProcess.freePort(), Map.of(
                        "JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER, "JDBC_PASSWORD", TestDatabase.PASSWORD,
                        "KEY_ADMIN_JWT_SECRET", TestJwt.SECRET, "ENDPOINTS_ALL_PORT", Integer.toString(management),
                        "KEY_ADMIN_SHUTDOWN_DRAIN_TIMEOUT", "60s"),
                List.of("-XX:+UseSerialGC", "-Xmx192m"), readiness);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        try (Connection lock = database.connect()) {
            try (Statement statement = lock.createStatement()) {
                statement.execute("INSERT INTO team_key_lock (team_id) VALUES ('" + TEAM + "')");
            }
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("SELECT team_id FROM team_key_lock WHERE team_id = '" + TEAM + "' FOR UPDATE");
            }
            CompletableFuture<HttpResponse<String>> create = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(keyAdmin.baseUrl() + "/admin/v1/teams/" + TEAM + "/keys"))
                    .header("Authorization", "Bearer " + TestJwt.owner("u_drain", TEAM))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"deploy\",\"mode\":\"test\",\"scope\":\"read_only\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            awaitCreateWaitingOnTheLock();

            keyAdmin.terminate();

            assertThat(statusWithin(http, readiness, 503, Duration.ofSeconds(3))).as("readiness DOWN at once").isTrue();
            assertThat(refusedWithin(keyAdmin.port(), Duration.ofSeconds(3))).as("new connections refused").isTrue();
            assertThat(create).as("the create is still in flight").isNotDone();
            lock.commit();

            HttpResponse<String> created = create.get(30, TimeUnit.SECONDS);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"token\":\"pk_test_");
        }
        assertThat(keyAdmin.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(0);
        assertThat(Files.readString(keyAdmin.log())).contains("Draining: readiness DOWN").contains("Drained in");
    }

    /** Waits until key-admin's transaction is blocked on the row this test holds. */
    private void awaitCreateWaitingOnTheLock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection watcher = database.connect(); PreparedStatement waiting = watcher.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
            waiting.setString(1, database.name());
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the create never reached the team's lock row");
    }

    private static boolean statusWithin(HttpClient http, String url, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == expected) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean refusedWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // accepted then dropped: not yet refused
            }
        }
        return false;
    }
}
