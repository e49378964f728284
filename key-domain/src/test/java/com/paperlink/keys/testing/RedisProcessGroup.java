package com.paperlink.keys.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Several throw-away {@code redis-server} processes (servers or sentinels) in one temp directory, for
 * {@link PrivateRedisCluster} and {@link PrivateRedisSentinel}: started on free loopback ports, asked with
 * {@code redis-cli}, and all killed (also by a shutdown hook if the test JVM dies) with the directory removed.
 */
final class RedisProcessGroup implements AutoCloseable {

    private final Path dir;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::killAll);

    RedisProcessGroup(String label) {
        try {
            dir = Files.createTempDirectory("pl-" + label + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Path dir() {
        return dir;
    }

    /** Starts {@code redis-server <args>} in its own sub-directory (its log: {@code <port>/redis.log}); waits until it listens. */
    synchronized void start(int port, List<String> args) {
        Path home = dir.resolve(Integer.toString(port));
        try {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>(List.of("redis-server"));
            command.addAll(args);
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("redis.log").toFile()).start();
            processes.put(port, process);
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed (apt-get install redis-server): " + e.getMessage(), e);
        }
        await("redis-server on " + port + " listening", 10_000, () -> listens(port));
    }

    /** The server's common options: loopback, no persistence, in the foreground. */
    static List<String> serverArgs(int port) {
        return new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no"));
    }

    /** Kills one process at once (SIGKILL), as a crash would. */
    synchronized void kill(int port) {
        Process process = processes.get(port);
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized boolean isRunning(int port) {
        Process process = processes.get(port);
        return process != null && process.isAlive();
    }

    /** {@code redis-cli -p port args...}: its output, or "" when the server does not answer. */
    static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli is needed (apt-get install redis-tools): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static boolean listens(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code millis} pass (then fails naming {@code what}). */
    static void await(String what, long millis, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private synchronized void killAll() {
        processes.keySet().forEach(this::kill);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
