package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.auth.KeyEventsSubscriber;
import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.RedisConnector;
import io.lettuce.core.cluster.SlotHash;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the Redis Cluster and Sentinel tests check on two gateway nodes, whatever the Redis behind them: the
 * limit exact across both, a key event reaching both, and both deciding in Redis (not on their own).
 */
final class RedisModeChecks {

    private final List<FaultGateway> nodes;
    private final int limit;

    RedisModeChecks(List<FaultGateway> nodes, int limit) {
        this.nodes = nodes;
        this.limit = limit;
    }

    /** What a failover does, run while the nodes are under load. */
    interface Event<T> {
        T run() throws Exception;
    }

    /** The event's result and every answer the load got, by phase. */
    record UnderLoad<T>(T result, Load.Counts answers) {
    }

    /**
     * Load on both nodes with {@code key} (6 threads, 150 requests/s): a second before {@code event}, the event
     * itself, two seconds after. Every answer in every phase must be 200 or 429: no failover may cost a 5xx.
     */
    <T> UnderLoad<T> underLoad(TestKeys.Created key, Event<T> event) throws Exception {
        Load load = new Load(nodes, key.bearer());
        load.phase("1 before");
        Load.Counts answers = load.start(6, 150, Duration.ofSeconds(90));
        Thread.sleep(1000);
        load.phase("2 during");
        T result = event.run();
        load.phase("3 after");
        Thread.sleep(2000);
        load.stop();
        for (String phase : List.of("1 before", "2 during", "3 after")) {
            assertThat(answers.countOtherThan(phase, 200, 429)).as("answers other than 200/429 in " + phase + ": " + answers)
                    .isZero();
        }
        return new UnderLoad<>(result, answers);
    }

    /** The Redis key of a key's window (see RedisRateLimiter.key) and its cluster slot. */
    static int slotOf(FaultGateway node, String keyId) {
        return SlotHash.getSlot(node.context().getProperty("gateway.rate-limit.key-prefix", String.class).orElseThrow()
                + "{" + keyId + "}");
    }

    static String redisKeyOf(FaultGateway node, String keyId) {
        return node.context().getProperty("gateway.rate-limit.key-prefix", String.class).orElseThrow() + "{" + keyId + "}";
    }

    /**
     * 3 × limit requests for one key at once, alternating between the nodes: exactly {@code limit} are admitted,
     * the rest get 429, nothing else. Returns the statuses.
     */
    List<Integer> assertExactUnderConcurrency(TestKeys.Created key) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3 * limit; i++) {
            answers.add(nodes.get(i % nodes.size()).getAsync("/api/v1/products/exact", key.bearer()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("statuses").containsOnly(200, 429);
        assertThat(statuses.stream().filter(s -> s == 200).count()).as("admitted across both nodes").isEqualTo(limit);
        return statuses;
    }

    /** 3 × limit requests one after the other, alternating nodes: exactly {@code limit} admitted. */
    void assertExactSequentially(TestKeys.Created key) throws Exception {
        assertThat(admittedSequentially(key)).as("admitted across both nodes").isEqualTo(limit);
    }

    /** How many of 3 × limit requests one after the other, alternating nodes, were admitted (the rest 429). */
    private int admittedSequentially(TestKeys.Created key) throws Exception {
        int ok = 0;
        for (int i = 0; i < 3 * limit; i++) {
            int status = nodes.get(i % nodes.size()).get("/api/v1/products/after", key.bearer()).statusCode();
            assertThat(status).as("status of request %d", i).isIn(200, 429);
            ok += status == 200 ? 1 : 0;
        }
        return ok;
    }

    /**
     * After a failover: milliseconds until a fresh key (from {@code keys}) is limited exactly across both nodes
     * with every decision made in Redis again. Until the nodes' view of the cluster has caught up (Lettuce
     * refreshes it on errors, at most once a second, and every 30 s), a node may still limit on its own: no error
     * for the client, only per-node limits. Every answer must be 200 or 429 throughout; fails after {@code within}.
     */
    long millisUntilExactAgain(java.util.function.Supplier<TestKeys.Created> keys, Duration within) throws Exception {
        long start = System.nanoTime();
        while (true) {
            double localBefore = localAdmissions();
            int admitted = admittedSequentially(keys.get());
            if (admitted == limit && localAdmissions() == localBefore) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError("not exact again after " + within + ": last key admitted " + admitted
                        + " of limit " + limit);
            }
            Thread.sleep(500);
        }
    }

    /**
     * Does what key-admin does on a revoke, with the same client: uses the key on both nodes (so both hold it in
     * memory), marks it revoked in the database, then publishes its token hash through {@code publisher} and
     * returns the milliseconds from the publish until both nodes answer 401 (fails after 5 s). Without the event
     * the nodes would keep the key for their {@code fresh-for}.
     */
    long millisUntilRevokedOnBothNodes(TestKeys.Created key, TestKeys keys, RedisConnector.Connection publisher,
                                       String channel) throws Exception {
        awaitSubscribed();
        for (FaultGateway node : nodes) {
            assertThat(node.get("/api/v1/products/cached", key.bearer()).statusCode()).isEqualTo(200);
        }
        keys.revoke(key.id());
        long start = publishOnceAnswered(publisher, channel, key.hash());
        boolean[] rejected = new boolean[nodes.size()];
        while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            boolean all = true;
            for (int i = 0; i < nodes.size(); i++) {
                if (!rejected[i]) {
                    rejected[i] = nodes.get(i).get("/api/v1/products/revoked", key.bearer()).statusCode() == 401;
                }
                all &= rejected[i];
            }
            if (all) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the revoked key was still accepted after 5 s");
    }

    /**
     * Publishes the event, retrying while the publisher cannot (after a failover its cluster view may, for a moment,
     * have no master for the channel's slot); returns when the accepted attempt started, which the bound counts from.
     */
    private static long publishOnceAnswered(RedisConnector.Connection publisher, String channel, String message)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            long attempt = System.nanoTime();
            try {
                publisher.commands().publish(channel, message).get(2, TimeUnit.SECONDS);
                return attempt;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the publisher did not reconnect", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    void awaitSubscribed() throws InterruptedException {
        for (FaultGateway node : nodes) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!node.context().getBean(KeyEventsSubscriber.class).isSubscribed() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(node.context().getBean(KeyEventsSubscriber.class).isSubscribed()).as("subscribed").isTrue();
        }
    }

    /** Sends {@code probe} to each node until that node's decision for it is made in Redis (up to 30 s each). */
    void awaitRedisDecisions(TestKeys.Created probe) throws Exception {
        for (FaultGateway node : nodes) {
            MeterRegistry registry = node.context().getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean redis = false;
            while (!redis && System.nanoTime() < deadline) {
                double before = decisions(registry, "redis");
                node.get("/api/v1/products/probe", probe.bearer());
                redis = decisions(registry, "redis") > before;
                if (!redis) {
                    Thread.sleep(100);
                }
            }
            assertThat(redis).as("node decides in Redis").isTrue();
        }
    }

    /** Requests admitted by a node on its own (Redis failed or was slower than redis-timeout), both nodes. */
    double localAdmissions() {
        double sum = 0;
        for (FaultGateway node : nodes) {
            sum += node.context().getBean(MeterRegistry.class).find("paperlink.ratelimit.decisions")
                    .tag("backend", "local").tag("allowed", "true").counters().stream().mapToDouble(c -> c.count()).sum();
        }
        return sum;
    }

    private static double decisions(MeterRegistry registry, String backend) {
        return registry.find("paperlink.ratelimit.decisions").tag("backend", backend).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
