package com.paperlink.gateway.shutdown;

import com.paperlink.keys.testing.ServiceProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's nginx as a private process in front of the gateway nodes, set up as a production load balancer is:
 * HTTP/1.1 with pooled keep-alive connections to the nodes and the default {@code proxy_next_upstream error
 * timeout}, so a request that fails before any byte of an answer (a refused connect, a kept-alive connection
 * closed under it) goes to the other node, while an answer the node did send, 5xx included, reaches the client.
 * Its access log says which node answered each request.
 */
final class NginxBalancer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    // fail_timeout: a node that refused a connect is skipped this long; 2 s instead of the default 10 s only so
    // a restarted node gets traffic back sooner (the test waits for that before restarting the next node).
    // keepalive_timeout: nginx closes a pooled connection idle this long, below the nodes' idle-close delay (1 s),
    // so an idle connection is closed by the balancer, never by a draining node while nginx sends on it (the rule
    // the README gives operators; nginx's default is 60 s).
    private static final String CONF = """
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log %1$s/error.log warn;
            events { worker_connections 1024; }
            http {
              log_format balancer '$msec $request_method $status "$upstream_addr" "$upstream_status"';
              access_log %1$s/access.log balancer;
              client_body_temp_path %1$s/body;
              proxy_temp_path %1$s/proxy;
              fastcgi_temp_path %1$s/fastcgi;
              uwsgi_temp_path %1$s/uwsgi;
              scgi_temp_path %1$s/scgi;
              upstream gateways {
            %2$s
                keepalive 32;
                keepalive_timeout 500ms;
              }
              server {
                listen 127.0.0.1:%3$d;
                location / {
                  proxy_pass http://gateways;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_next_upstream error timeout;
                }
              }
            }
            """;
    private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d{3}) (\\S+) (\\d{3}) \"([^\"]*)\" \"([^\"]*)\"$");

    /** One line of the access log: when it ended, the method, nginx's status, the nodes tried in order and their statuses. */
    record Served(long atMillis, String method, int status, List<String> nodes, List<String> nodeStatuses) {
        /** The node that gave the answer: the last one tried. */
        String answeredBy() {
            return nodes.get(nodes.size() - 1);
        }

        boolean retried() {
            return nodes.size() > 1;
        }
    }

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxBalancer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx with its prefix, configuration, pid, logs and temp paths in {@code dir}, on a free port. */
    static NginxBalancer start(Path dir, int... nodePorts) throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        String servers = Arrays.stream(nodePorts)
                .mapToObj(node -> "    server 127.0.0.1:" + node + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, CONF.formatted(dir, servers, port));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxBalancer balancer = new NginxBalancer(process, dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(balancer::close));
        balancer.awaitListening(Duration.ofSeconds(10));
        return balancer;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Every request logged so far. */
    List<Served> served() throws IOException {
        List<Served> served = new ArrayList<>();
        for (String line : linesIfExists(dir.resolve("access.log"))) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                served.add(new Served(Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2)), m.group(3),
                        Integer.parseInt(m.group(4)), List.of(m.group(5).split(", ")), List.of(m.group(6).split(", "))));
            }
        }
        return served;
    }

    /** The last {@code lines} lines of nginx's error log (for a failure's message). */
    String errorLogTail(int lines) throws IOException {
        List<String> all = linesIfExists(dir.resolve("error.log"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** How many requests nginx saw fail because a node closed the connection before any byte of an answer. */
    long closedUnderARequest() throws IOException {
        return linesIfExists(dir.resolve("error.log")).stream()
                .filter(line -> line.contains("upstream prematurely closed connection while reading response header")
                        || line.contains("Connection reset by peer) while reading response header")).count();
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")) + readIfExists(dir.resolve("error.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on " + port + " within " + timeout);
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** A log's lines (nginx writes bytes, not UTF-8), none if nginx has not created it yet. */
    private static List<String> linesIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
    }

    /** SIGTERM (nginx's fast shutdown: master and worker exit), SIGKILL if that does not do it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
