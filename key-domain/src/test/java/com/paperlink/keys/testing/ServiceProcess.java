package com.paperlink.keys.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of our service jars running as a real process, for end-to-end tests: started with its own
 * port and environment, logging to {@code target/e2e-logs/<name>.log}, ready once {@code /health}
 * answers 200, and always stopped (also by a shutdown hook if the test JVM dies).
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code java [jvmArgs] -jar jar} with {@code MICRONAUT_SERVER_PORT=port} and the extra env. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, List<String> jvmArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build every module first (bin/test runs mvn verify from the root)");
        }
        List<String> command = new ArrayList<>(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(name, command, port, env, "/health");
    }

    /**
     * Starts {@code java [jvmArgs] -cp <this test run's class path> mainClass}: a service of the module under test,
     * in a process of its own, before its jar exists. Ready once {@code healthPath} (a path on {@code port}, or a
     * whole URL) answers 200.
     */
    public static ServiceProcess startMain(String name, String mainClass, int port, Map<String, String> env,
                                           List<String> jvmArgs, String healthPath) {
        List<String> command = new ArrayList<>(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass);
        return start(name, command, port, env, healthPath);
    }

    private static ServiceProcess start(String name, List<String> javaArgs, int port, Map<String, String> env,
                                        String healthPath) {
        try {
            Path logDir = Path.of("target", "e2e-logs");
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + "-" + port + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaArgs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop));
            service.awaitHealthy(healthPath, Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shaded jar of a module of this build, e.g. {@code moduleJar("gateway")}; tests run in their module's
     * directory, which is the module's sibling or (for a module nested in another, like gateway/client-test) below it.
     */
    public static Path moduleJar(String module) {
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(module).resolve("src"))) {
                return dir.resolve(module).resolve("target").resolve(module + ".jar").normalize();
            }
        }
        return Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy(String healthPath, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up:\n" + tail());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(healthPath.startsWith("http") ? healthPath : baseUrl() + healthPath)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException(name + " did not become healthy within " + timeout + ":\n" + tail());
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM and returns at once (the service drains); see {@link #awaitExit}. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code once the process has ended, or -1 if it is still running after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "@" + baseUrl() + " (pid " + process.pid() + ")";
    }
}
