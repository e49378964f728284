package com.paperlink.gateway.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.ServiceProcess;
import com.paperlink.keys.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart as an operator runs it: two gateway nodes behind nginx, wrk loading nginx the whole time,
 * and one node after the other gets SIGTERM, drains, exits 0 and is started again on its port; the next node is
 * restarted only once the load balancer sends traffic to the restarted one again. wrk sends GETs and POSTs (nginx
 * retries a GET that failed before any answer on the other node, never a POST it has sent), and none may be lost:
 * every answer 2xx, no socket error.
 */
class RollingRestartTest {

    private static final long SLOW_MS = 300;
    private static final int SLOW_EVERY = 20;
    private static final int CONNECTIONS = 16;
    private static final Pattern OPEN_AT_SIGTERM = Pattern.compile("listener closed, (\\d+) connections and tasks open");

    @TempDir
    Path dir;

    private TestDatabase database;
    private DrainUpstream upstream;
    private final ServiceProcess[] nodes = new ServiceProcess[2];
    private NginxBalancer balancer;
    private WrkLoad load;

    /**
     * One node's restart: connections open at SIGTERM (its log), SIGTERM to exit (the drain), SIGTERM to ready
     * again, and when it was ready.
     */
    private record Restart(int openAtSigterm, long drainMillis, long restartMillis, long readyAtMillis) {
        String describe() {
            return openAtSigterm + " connections open at SIGTERM, exit 0 after " + drainMillis + " ms, ready again after "
                    + restartMillis + " ms";
        }
    }

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        for (ServiceProcess node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void restartingOneNodeAtATimeUnderLoadLosesNoRequest() throws Exception {
        Assumptions.assumeTrue(WrkLoad.installed() && NginxBalancer.installed(),
                "install wrk and nginx (apt-get install -y wrk nginx)");
        database = TestDatabase.create("rolling");
        upstream = new DrainUpstream(SLOW_MS);
        int[] ports = {ServiceProcess.freePort(), ServiceProcess.freePort()};
        nodes[0] = startNode("rolling-a", ports[0]); // the first start creates the schema
        nodes[1] = startNode("rolling-b", ports[1]);
        TestKeys.Created key = new TestKeys(database::connect).create("team_rolling", KeyMode.LIVE, KeyScope.READ_WRITE);
        balancer = NginxBalancer.start(dir, ports);

        load = WrkLoad.start(dir, balancer.url(), key.bearer(), "/api/v1/products/fast", "/api/v1/products/slow",
                SLOW_EVERY, CONNECTIONS, Duration.ofSeconds(100));
        for (int port : ports) {
            awaitServedBy(port, 0);
        }
        Thread.sleep(1_000);

        Restart a = restart(0, "rolling-a-restarted", ports[0]);
        awaitServedBy(ports[0], a.readyAtMillis());
        Restart b = restart(1, "rolling-b-restarted", ports[1]);
        awaitServedBy(ports[1], b.readyAtMillis());
        Thread.sleep(1_000);

        assertThat(load.isAlive()).as("wrk still running: its duration covered both restarts").isTrue();
        WrkLoad.Summary summary = load.stop();
        List<NginxBalancer.Served> served = balancer.served();
        long retried = served.stream().filter(NginxBalancer.Served::retried).count();
        System.out.printf("rolling restart: %d requests, %.0f req/s; node A: %s; node B: %s; non-2xx %d, "
                        + "socket errors %d; %d requests retried by nginx on the other node; %d met a kept-alive "
                        + "connection a node closed before answering%n",
                summary.requests(), summary.perSecond(), a.describe(), b.describe(), summary.non2xx(),
                summary.socketErrors(), retried, balancer.closedUnderARequest());

        // The one loss the README names: a request nginx had already sent on a connection the draining node closed
        // under it (a connect reset in the accept queue as the listener closed, or an idle connection closed as
        // nginx reused it) is passed to the other node when it is a GET and answered 502 when it is a POST, which
        // nginx does not resend. Anything else that is not 2xx, or more such POSTs than nginx saw such closes, fails.
        // (499: nginx's mark for a request whose client left, as wrk's connections do when it is stopped)
        List<NginxBalancer.Served> failed = served.stream().filter(line -> line.status() >= 300 && line.status() != 499)
                .toList();
        String failure = "non-2xx answers:\n" + summary.output() + "\nas nginx logged them:\n"
                + failed.stream().map(Object::toString).collect(Collectors.joining("\n"))
                + "\nnginx's error log:\n" + balancer.errorLogTail(20);
        assertThat(failed).as(failure).allMatch(line -> line.method().equals("POST") && line.status() == 502);
        assertThat((long) failed.size()).as(failure).isLessThanOrEqualTo(balancer.closedUnderARequest())
                .isLessThanOrEqualTo(2);
        assertThat(summary.non2xx()).as(failure).isEqualTo(failed.size());
        assertThat(summary.socketErrors()).as("socket errors:\n" + summary.output()).isZero();
        assertThat(summary.requests()).as("requests made").isGreaterThan(1000);
        assertThat(served).as("POSTs among them").anyMatch(line -> line.method().equals("POST") && line.status() == 200);
        assertThat(servedBy(served, ports[0], a.readyAtMillis())).as("restarted node A served").isPositive();
        assertThat(servedBy(served, ports[1], b.readyAtMillis())).as("restarted node B served").isPositive();
    }

    private ServiceProcess startNode(String name, int port) {
        Map<String, String> env = Map.of(
                "JDBC_URL", database.jdbcUrl(), "JDBC_USER", TestDatabase.USER, "JDBC_PASSWORD", TestDatabase.PASSWORD,
                "GATEWAY_ROUTES_PRODUCTS_LIVE_URL", upstream.url(),
                "GATEWAY_RATE_LIMIT_REQUESTS", "1000000", // the most it takes: far more than wrk sends in a minute
                "GATEWAY_SHUTDOWN_DRAIN_TIMEOUT", "30s",
                "LOGGER_LEVELS_PAPERLINK_ACCESS", "OFF"); // nginx's access log says who answered; spare the CPU
        return ServiceProcess.startMain(name, "com.paperlink.gateway.GatewayApplication", port, env,
                List.of("-XX:+UseSerialGC", "-Xmx192m"), "/health/readiness");
    }

    /** SIGTERM to node {@code index}, its exit (0, drained in time), then a fresh node on the same port. */
    private Restart restart(int index, String name, int port) throws Exception {
        long start = System.nanoTime();
        ServiceProcess old = nodes[index];
        old.terminate();
        assertThat(old.awaitExit(Duration.ofSeconds(40))).as(old + " exit code").isEqualTo(0);
        long drained = System.nanoTime();
        String log = Files.readString(old.log());
        assertThat(log).as(old + " log").contains("Drained in").doesNotContain("Drain timeout");
        Matcher open = OPEN_AT_SIGTERM.matcher(log);
        assertThat(open.find()).as(old + " log: the drain's first line").isTrue();
        nodes[index] = startNode(name, port);
        long ready = System.nanoTime();
        return new Restart(Integer.parseInt(open.group(1)), (drained - start) / 1_000_000, (ready - start) / 1_000_000,
                System.currentTimeMillis());
    }

    /** Waits until nginx has logged a 200 from the node on {@code port} that ended at or after {@code sinceMillis}. */
    private void awaitServedBy(int port, long sinceMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (servedBy(balancer.served(), port, sinceMillis) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nginx sent no request to the node on port " + port + " within 20 s");
    }

    private static long servedBy(List<NginxBalancer.Served> served, int port, long sinceMillis) {
        String node = "127.0.0.1:" + port;
        return served.stream().filter(line -> line.atMillis() >= sinceMillis && line.status() == 200
                && line.answeredBy().equals(node)).count();
    }
}
