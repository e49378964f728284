package com.paperlink.keys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throw-away Sentinel deployment of real {@code redis-server} processes on free loopback ports: one master,
 * one replica and three sentinels (quorum 2) watching master {@value #MASTER}, with
 * {@code down-after-milliseconds} 1000 so a killed master is replaced within a few seconds. Every process is
 * killed on {@link #close()} (or by a shutdown hook), also when start-up fails half way.
 */
public final class PrivateRedisSentinel implements AutoCloseable {

    public static final String MASTER = "mymaster";

    private final RedisProcessGroup processes = new RedisProcessGroup("redis-sentinel");
    private final List<Integer> servers = new ArrayList<>();
    private final List<Integer> sentinels = new ArrayList<>();

    private PrivateRedisSentinel() {
    }

    /** Starts master, replica and sentinels; returns once the replica is in sync and the sentinels see each other. */
    public static PrivateRedisSentinel start() {
        PrivateRedisSentinel deployment = new PrivateRedisSentinel();
        try {
            deployment.create();
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    private void create() {
        int master = ServiceProcess.freePort();
        processes.start(master, RedisProcessGroup.serverArgs(master));
        servers.add(master);
        int replica = ServiceProcess.freePort();
        List<String> replicaArgs = RedisProcessGroup.serverArgs(replica);
        replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master)));
        processes.start(replica, replicaArgs);
        servers.add(replica);
        for (int i = 0; i < 3; i++) {
            int port = ServiceProcess.freePort();
            Path config = processes.dir().resolve("sentinel-" + port + ".conf");
            try {
                // Sentinel rewrites its configuration file, so each gets its own writable one.
                Files.writeString(config, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "daemonize no",
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + master + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 5000",
                        "sentinel parallel-syncs " + MASTER + " 1", ""));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            processes.start(port, List.of(config.toString(), "--sentinel"));
            sentinels.add(port);
        }
        RedisProcessGroup.await("the replica in sync and three sentinels agreeing", 30_000, () ->
                RedisProcessGroup.cli(replica, "INFO", "replication").contains("master_link_status:up")
                        && sentinels.stream().allMatch(port -> {
                            String quorum = RedisProcessGroup.cli(port, "SENTINEL", "CKQUORUM", MASTER);
                            String replicas = RedisProcessGroup.cli(port, "SENTINEL", "REPLICAS", MASTER);
                            return quorum.startsWith("OK 3 usable") && replicas.contains(Integer.toString(replica));
                        }));
    }

    /** {@code REDIS_URL} for this deployment: {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3#mymaster}. */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","))
                + "#" + MASTER;
    }

    /** The master's port as the first sentinel that answers reports it. */
    public int masterPort() {
        for (int sentinel : sentinels) {
            if (processes.isRunning(sentinel)) {
                String[] lines = RedisProcessGroup.cli(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER).trim().split("\n");
                if (lines.length == 2) {
                    return Integer.parseInt(lines[1].trim());
                }
            }
        }
        throw new IllegalStateException("no sentinel knows the master");
    }

    /** {@code redis-cli -p port args...} against one server or sentinel: its output, or "" when it does not answer. */
    public String command(int port, String... args) {
        return RedisProcessGroup.cli(port, args);
    }

    /** Kills one process at once (SIGKILL), as a crash would. */
    public void kill(int port) {
        processes.kill(port);
    }

    /**
     * A planned failover, the old master alive: {@code SENTINEL FAILOVER} (the sentinels promote the replica and turn
     * the old master into its replica, closing its clients' connections). Returns the new master's port once every
     * sentinel names it, it answers as master and the old master answers as a replica of it.
     */
    public int failover(long timeoutMillis) {
        int old = masterPort();
        String answer = RedisProcessGroup.cli(sentinels.get(0), "SENTINEL", "FAILOVER", MASTER);
        if (!answer.trim().equals("OK")) {
            throw new IllegalStateException("SENTINEL FAILOVER: " + answer);
        }
        awaitFailover(old, timeoutMillis);
        int promoted = masterPort();
        RedisProcessGroup.await("the old master " + old + " replicating from " + promoted, timeoutMillis, () -> {
            String role = RedisProcessGroup.cli(old, "ROLE");
            return role.startsWith("slave") && role.contains(Integer.toString(promoted));
        });
        return promoted;
    }

    /** Waits until every sentinel names a new, live master that answers as master. Returns the milliseconds it took. */
    public long awaitFailover(int deadPort, long timeoutMillis) {
        long start = System.currentTimeMillis();
        RedisProcessGroup.await("the sentinels promoting the replica of " + deadPort, timeoutMillis, () -> {
            for (int sentinel : sentinels) {
                String[] lines = RedisProcessGroup.cli(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER).trim()
                        .split("\n");
                if (lines.length != 2 || Integer.parseInt(lines[1].trim()) == deadPort) {
                    return false;
                }
            }
            return RedisProcessGroup.cli(masterPort(), "ROLE").startsWith("master");
        });
        return System.currentTimeMillis() - start;
    }

    @Override
    public void close() {
        processes.close();
    }
}
