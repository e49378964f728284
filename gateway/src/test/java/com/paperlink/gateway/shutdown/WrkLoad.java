package com.paperlink.gateway.shutdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} as a private process: one thread, a fixed number of keep-alive connections, every request
 * with the key's Authorization header: one in {@code slowEvery} a GET of the slow path, the others a GET or a POST
 * (a small JSON body) of the fast path, turn about. A load balancer retries a GET that failed before any answer,
 * never a POST it has sent, so the POSTs show a request lost where a GET would be retried unseen. It runs until
 * {@link #stop()} sends SIGINT, on which wrk prints its usual summary, parsed into a {@link Summary}.
 */
final class WrkLoad implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/wrk");

    // The token is only in this file (0600, in the test's temp dir): never on a command line or in the output.
    private static final String SCRIPT = """
            wrk.headers["Authorization"] = "%1$s"
            local get, post, slow
            local n = 0
            init = function(args)
              -- after wrk.init has set the Host header
              get = wrk.format("GET", "%2$s")
              -- headers given replace wrk.headers (Host excepted): Authorization again
              post = wrk.format("POST", "%2$s", {["Authorization"] = wrk.headers["Authorization"],
                  ["Content-Type"] = "application/json"}, '{"sku":"PAP-A4-001"}')
              slow = wrk.format("GET", "%3$s")
            end
            request = function()
              n = n + 1
              if n %% %4$d == 0 then return slow end
              if n %% 2 == 0 then return post end
              return get
            end
            """;

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)");
    private static final Pattern PER_SECOND = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** wrk's figures: requests completed, their rate, answers that were not 2xx/3xx, and socket errors. */
    record Summary(long requests, double perSecond, long non2xx, long connectErrors, long readErrors,
                   long writeErrors, long timeouts, String output) {
        long socketErrors() {
            return connectErrors + readErrors + writeErrors + timeouts;
        }
    }

    private final Process process;
    private final Path output;

    private WrkLoad(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts {@code wrk -t1 -c<connections> --timeout 10s --latency} against {@code baseUrl} for at most
     * {@code longest}: long enough for the test, which stops it earlier.
     */
    static WrkLoad start(Path dir, String baseUrl, String authorization, String fastPath, String slowPath,
                         int slowEvery, int connections, Duration longest) throws IOException {
        Path script = dir.resolve("load.lua");
        Files.createFile(script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(script, SCRIPT.formatted(authorization, fastPath, slowPath, slowEvery));
        Path output = dir.resolve("wrk.out");
        Process process = new ProcessBuilder(BINARY.toString(), "-t1", "-c" + connections,
                "-d" + longest.toSeconds() + "s", "--timeout", "10s", "--latency", "-s", script.toString(), baseUrl)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        WrkLoad load = new WrkLoad(process, output);
        Runtime.getRuntime().addShutdownHook(new Thread(load::close));
        return load;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGINT, then wrk's summary. */
    Summary stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("wrk did not stop on SIGINT");
        }
        return parse(Files.readString(output));
    }

    static Summary parse(String text) {
        Matcher requests = REQUESTS.matcher(text);
        Matcher perSecond = PER_SECOND.matcher(text);
        if (!requests.find() || !perSecond.find()) {
            throw new IllegalStateException("no wrk summary in:\n" + text);
        }
        Matcher non2xx = NON_2XX.matcher(text);
        Matcher errors = SOCKET_ERRORS.matcher(text);
        boolean anyErrors = errors.find();
        return new Summary(Long.parseLong(requests.group(1)), Double.parseDouble(perSecond.group(1)),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                anyErrors ? Long.parseLong(errors.group(1)) : 0, anyErrors ? Long.parseLong(errors.group(2)) : 0,
                anyErrors ? Long.parseLong(errors.group(3)) : 0, anyErrors ? Long.parseLong(errors.group(4)) : 0,
                text);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
