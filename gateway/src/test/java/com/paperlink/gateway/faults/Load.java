package com.paperlink.gateway.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load loop: a few threads send GETs round-robin to the given gateway nodes at about the
 * target rate for a fixed time, and count answers by phase, node and status (status -1: the client got
 * no answer at all). The test moves the phase while the load runs (e.g. "redis down").
 */
final class Load {

    /** Counts of one run: phase → node index → status → count. */
    static final class Counts {
        final Map<String, Map<Integer, Map<Integer, AtomicInteger>>> byPhase = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();

        void add(String phase, int node, int status) {
            byPhase.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(node, n -> new ConcurrentHashMap<>())
                    .computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            sent.incrementAndGet();
        }

        int count(String phase, int node, int status) {
            AtomicInteger n = byPhase.getOrDefault(phase, Map.of()).getOrDefault(node, Map.of()).get(status);
            return n == null ? 0 : n.get();
        }

        /** Answers in this phase whose status is not one of the allowed ones, over all nodes. */
        int countOtherThan(String phase, Integer... allowed) {
            List<Integer> ok = List.of(allowed);
            return byPhase.getOrDefault(phase, Map.of()).values().stream()
                    .flatMap(statuses -> statuses.entrySet().stream())
                    .filter(e -> !ok.contains(e.getKey())).mapToInt(e -> e.getValue().get()).sum();
        }

        @Override
        public String toString() {
            Map<String, Object> sorted = new TreeMap<>();
            byPhase.forEach((phase, nodes) -> sorted.put(phase, new TreeMap<>(nodes)));
            return sent + " requests " + sorted;
        }
    }

    private final List<FaultGateway> nodes;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(4)).build();
    private volatile String phase = "start";
    private volatile boolean running = true;

    Load(List<FaultGateway> nodes, String authorization) {
        this.nodes = nodes;
        this.authorization = authorization;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /** Starts {@code threads} senders at about {@code rps} requests per second in total; {@link #stop()} ends them. */
    Counts start(int threads, int rps, Duration maxDuration) {
        Counts counts = new Counts();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        long intervalNanos = Duration.ofSeconds(1).toNanos() * threads / rps;
        long end = System.nanoTime() + maxDuration.toNanos();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> {
                try {
                    long due = System.nanoTime();
                    while (running && System.nanoTime() < end) {
                        int node = Math.floorMod(next.getAndIncrement(), nodes.size());
                        String current = phase;
                        counts.add(current, node, send(nodes.get(node)));
                        due += intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        senders.shutdown();
        this.finished = done;
        return counts;
    }

    private volatile CountDownLatch finished;

    void stop() throws InterruptedException {
        running = false;
        finished.await();
    }

    private int send(FaultGateway node) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.url("/api/v1/products/load")))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
