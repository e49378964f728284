package com.paperlink.keys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster on its own port and data directory, for tests that must stop
 * and restart the database (fault tests). The machine's shared cluster is never touched.
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
 * {@code postgres} OS user via {@code runuser}. Trust auth on 127.0.0.1, superuser {@code postgres}.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;

    private PrivatePostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** initdb + start; takes a few seconds. */
    public static PrivatePostgres start() {
        Path bin = findBin();
        try {
            Path dir = Files.createTempDirectory("pl-pg-");
            run(List.of("chmod", "755", dir.toString()));
            if (isRoot()) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            PrivatePostgres pg = new PrivatePostgres(dir, bin, ServiceProcess.freePort());
            pg.asPostgres(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8");
            pg.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a private PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database (e.g. "paperlink") on this cluster. */
    public void createDatabase(String name) {
        asPostgres(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-c", "CREATE DATABASE " + name);
    }

    /** Starts the server (again) on the same port and data. */
    public void startServer() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "30", "-l",
                dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start");
    }

    /** Stops the server abruptly, as a crash or a lost network would look to clients. */
    public void stopServer() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-m", "immediate", "stop");
    }

    public boolean isRunning() {
        return Files.exists(data().resolve("postmaster.pid"));
    }

    @Override
    public void close() {
        if (isRunning()) {
            try {
                stopServer();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out));
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL server binaries are needed (apt-get install postgresql)", e);
        }
    }
}
