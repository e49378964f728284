package com.paperlink.gateway.shutdown;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upstream of the drain tests (JDK server): {@code /products/slow} answers after 4 s (or the time given),
 * {@code /products/fast} at once (an empty 200), {@code /products/upload} answers the SHA-256 of the body it read,
 * {@code /products/download?bytes=N} sends N {@link PatternBytes}.
 */
final class DrainUpstream implements AutoCloseable {

    static final long SLOW_MS = 4_000;

    private final HttpServer server;
    /** One permit per slow request that has arrived. */
    final Semaphore slowArrived = new Semaphore(0);
    /** Upload bytes read so far. */
    final AtomicLong uploaded = new AtomicLong();
    private volatile long slowMillis;

    DrainUpstream() throws IOException {
        this(SLOW_MS);
    }

    DrainUpstream(long slowMillis) throws IOException {
        this.slowMillis = slowMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/products/fast", this::fast);
        server.createContext("/products/slow", this::slow);
        server.createContext("/products/upload", this::upload);
        server.createContext("/products/download", this::download);
        server.start();
    }

    /** Slow requests from now on take a minute: longer than any drain timeout of the tests. */
    void hangNext() {
        slowMillis = 60_000;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // No body: the JDK server writes a body apart from the head, and that second small write waits for the
    // client's delayed ACK of the first (Nagle), about 40 ms, where a head alone leaves in one write at once.
    private void fast(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void slow(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        slowArrived.release();
        try {
            Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, "slow done");
    }

    private void upload(HttpExchange exchange) throws IOException {
        MessageDigest digest = PatternBytes.newDigest();
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                uploaded.addAndGet(n);
            }
        }
        answer(exchange, HexFormat.of().formatHex(digest.digest()));
    }

    private void download(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getRawQuery();
        long length = Long.parseLong(query.substring(query.indexOf("bytes=") + 6));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, length);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] block = new byte[64 * 1024];
            for (long offset = 0; offset < length; offset += block.length) {
                int n = (int) Math.min(block.length, length - offset);
                PatternBytes.fill(offset, block, n);
                out.write(block, 0, n);
            }
        }
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
