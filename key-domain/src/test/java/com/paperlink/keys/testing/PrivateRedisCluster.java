package com.paperlink.keys.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throw-away Redis Cluster of real {@code redis-server} processes on free loopback ports: 3 masters and
 * 3 replicas made with {@code redis-cli --cluster create --cluster-replicas 1}, with a 1 s node timeout so a
 * killed master's replica takes over within a few seconds. Every process is killed on {@link #close()} (or
 * by a shutdown hook), also when start-up fails half way. The machine's Redis on 6379 is never touched.
 */
public final class PrivateRedisCluster implements AutoCloseable {

    /** One node as {@code CLUSTER NODES} shows it. */
    public record Node(String id, int port, boolean master, boolean failed, String masterId, List<int[]> slots) {

        boolean serves(int slot) {
            return slots.stream().anyMatch(range -> slot >= range[0] && slot <= range[1]);
        }
    }

    private final RedisProcessGroup processes = new RedisProcessGroup("redis-cluster");
    private final List<Integer> ports = new ArrayList<>();

    private PrivateRedisCluster() {
    }

    /** Starts six servers, makes them a cluster and waits until it is ok and every replica is in sync. */
    public static PrivateRedisCluster start() {
        PrivateRedisCluster cluster = new PrivateRedisCluster();
        try {
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void create() {
        for (int i = 0; i < 6; i++) {
            int port = ServiceProcess.freePort();
            List<String> args = RedisProcessGroup.serverArgs(port);
            // The bus port is chosen too: port + 10000 may be taken or above 65535.
            args.addAll(List.of("--cluster-enabled", "yes", "--cluster-port", Integer.toString(ServiceProcess.freePort()),
                    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                    // a replica takes over however long it was out of touch (the test kills masters on purpose)
                    "--cluster-replica-validity-factor", "0"));
            processes.start(port, args);
            ports.add(port);
        }
        List<String> command = new ArrayList<>(List.of("--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        String out = RedisProcessGroup.cli(ports.get(0), command.toArray(String[]::new));
        if (!out.contains("All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
        }
        awaitHealthy();
    }

    /** The seeds in {@code REDIS_CLUSTER_NODES} form: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public String nodes() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** Every node's view as seen from a live node. */
    public List<Node> topology() {
        for (int port : ports) {
            if (processes.isRunning(port)) {
                String out = RedisProcessGroup.cli(port, "CLUSTER", "NODES");
                if (!out.isBlank() && !out.startsWith("Could not connect")) {
                    return parse(out);
                }
            }
        }
        throw new IllegalStateException("no cluster node answers");
    }

    /** Ports of the masters that serve slots now. */
    public List<Integer> masterPorts() {
        return topology().stream().filter(n -> n.master() && !n.failed() && !n.slots().isEmpty()).map(Node::port).toList();
    }

    /** The port of the master serving {@code slot} now (compute the slot with Lettuce's {@code SlotHash}). */
    public int masterOf(int slot) {
        return topology().stream().filter(n -> n.master() && !n.failed() && n.serves(slot)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot)).port();
    }

    /** {@code redis-cli -p port args...} against one node: its output, or "" when it does not answer. */
    public String command(int port, String... args) {
        return RedisProcessGroup.cli(port, args);
    }

    /** Kills one node at once (SIGKILL), as a crash would. */
    public void kill(int port) {
        processes.kill(port);
    }

    /**
     * A planned failover, the old master alive: {@code CLUSTER FAILOVER} on a replica of {@code masterPort}, which
     * takes over its slots while the old master becomes its replica. Returns the new master's port once every node
     * sees it serving the slots and the cluster is ok.
     */
    public int failover(int masterPort, long timeoutMillis) {
        List<Node> nodes = topology();
        String masterId = nodes.stream().filter(n -> n.port() == masterPort).findFirst().orElseThrow().id();
        int replica = nodes.stream().filter(n -> !n.master() && !n.failed() && masterId.equals(n.masterId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("master " + masterPort + " has no live replica"))
                .port();
        String answer = RedisProcessGroup.cli(replica, "CLUSTER", "FAILOVER");
        if (!answer.trim().equals("OK")) {
            throw new IllegalStateException("CLUSTER FAILOVER on " + replica + ": " + answer);
        }
        RedisProcessGroup.await("replica " + replica + " taking over from the live master " + masterPort, timeoutMillis,
                () -> ports.stream().filter(processes::isRunning).allMatch(port -> {
                    List<Node> view = parse(RedisProcessGroup.cli(port, "CLUSTER", "NODES"));
                    return view.stream().anyMatch(n -> n.port() == replica && n.master() && !n.slots().isEmpty())
                            && view.stream().anyMatch(n -> n.port() == masterPort && !n.master());
                }) && allLiveNodesOk());
        return replica;
    }

    /**
     * Waits until the cluster is whole again without {@code deadPort}: every slot served by a live master,
     * {@code cluster_state:ok} on every live node. Returns the milliseconds it took.
     */
    public long awaitFailover(int deadPort, long timeoutMillis) {
        long start = System.currentTimeMillis();
        RedisProcessGroup.await("a replica taking over from " + deadPort, timeoutMillis, () -> {
            try {
                List<Node> nodes = topology();
                boolean deadDemoted = nodes.stream().noneMatch(n -> n.port() == deadPort && n.master() && !n.slots().isEmpty()
                        && !n.failed());
                int served = nodes.stream().filter(n -> n.master() && !n.failed() && n.port() != deadPort)
                        .flatMap(n -> n.slots().stream()).mapToInt(range -> range[1] - range[0] + 1).sum();
                return deadDemoted && served == 16384 && allLiveNodesOk();
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        return System.currentTimeMillis() - start;
    }

    private void awaitHealthy() {
        RedisProcessGroup.await("the cluster to be ok with 3 masters and 3 synced replicas", 30_000, () -> {
            if (!allLiveNodesOk()) {
                return false;
            }
            List<Node> nodes = topology();
            long masters = nodes.stream().filter(n -> n.master() && !n.slots().isEmpty()).count();
            List<Node> replicas = nodes.stream().filter(n -> !n.master()).toList();
            return masters == 3 && replicas.size() == 3 && replicas.stream().allMatch(replica ->
                    RedisProcessGroup.cli(replica.port(), "INFO", "replication").contains("master_link_status:up"));
        });
    }

    private boolean allLiveNodesOk() {
        return ports.stream().filter(processes::isRunning)
                .allMatch(port -> RedisProcessGroup.cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"));
    }

    static List<Node> parse(String clusterNodes) {
        List<Node> nodes = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 8) {
                continue;
            }
            String address = fields[1].split("@")[0];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            List<String> flags = List.of(fields[2].split(","));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] range = fields[i].split("-");
                slots.add(new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])});
            }
            nodes.add(new Node(fields[0], port, flags.contains("master"), flags.contains("fail") || flags.contains("fail?"),
                    fields[3], slots));
        }
        return nodes;
    }

    @Override
    public void close() {
        processes.close();
    }
}
