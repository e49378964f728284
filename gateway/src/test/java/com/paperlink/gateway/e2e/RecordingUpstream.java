package com.paperlink.gateway.e2e;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP upstream (JDK server) that records what reached it. Paths ending in {@code /slow} answer
 * after 3 s; {@code /big?bytes=N} streams N bytes back; any request body is read and counted, never kept.
 */
final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream saw it. Header names lower-cased. */
    record Received(String method, String rawUri, Map<String, List<String>> headers, long bodyBytes, int remotePort) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }
    }

    private final String name;
    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Request body bytes read so far, across requests: shows a body arriving while it is still being sent. */
    final AtomicLong bodyBytesSeen = new AtomicLong();
    /** {@code /big?gated&bytes=N} sends its first 8 MB, then waits for this before sending the rest. */
    volatile CountDownLatch downloadGate = new CountDownLatch(0);

    RecordingUpstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request that arrived, waiting a little for it; {@code null} if none came. */
    Received next() throws InterruptedException {
        return received.poll(10, TimeUnit.SECONDS);
    }

    /** Whether nothing arrived (after the gateway already answered, so nothing is in flight). */
    boolean nothingReceived() {
        return received.isEmpty();
    }

    /** Whether any request forwarded for this key id arrived (and was not taken with {@link #next}). */
    boolean receivedFor(String keyId) {
        return received.stream().anyMatch(r -> keyId.equals(r.header("x-paperlink-key-id")));
    }

    void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long bytes = 0;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                bytes += n;
                bodyBytesSeen.addAndGet(n);
            }
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        String uri = exchange.getRequestURI().toString();
        received.add(new Received(exchange.getRequestMethod(), uri, headers, bytes,
                exchange.getRemoteAddress().getPort()));

        Headers response = exchange.getResponseHeaders();
        response.add("X-Upstream", name);
        response.add("Connection", "keep-alive, X-Hop-Secret");
        response.add("X-Hop-Secret", "must-not-reach-client");
        response.add("Keep-Alive", "timeout=30");
        if (uri.contains("/close")) {
            response.set("Connection", "close"); // the JDK server then closes the connection after this answer
        }
        if (uri.contains("/slow")) {
            sleep();
        }
        if (uri.contains("/big?")) {
            long size = Long.parseLong(uri.substring(uri.indexOf("bytes=") + 6));
            response.add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < size; sent += chunk.length) {
                    if (sent == 8L * 1024 * 1024 && uri.contains("gated")) {
                        out.flush();
                        awaitGate();
                    }
                    out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                }
            }
            return;
        }
        if (uri.contains("/json?bytes=") || uri.contains("/gzipped")) {
            // A JSON list of about N bytes (/json?bytes=N); /gzipped: one the upstream encoded itself.
            int size = uri.contains("bytes=") ? Integer.parseInt(uri.substring(uri.indexOf("bytes=") + 6)) : 2048;
            byte[] list = jsonList(size);
            response.add("Content-Type", "application/json");
            if (uri.contains("/gzipped")) {
                java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
                    out.write(list);
                }
                list = gz.toByteArray();
                response.add("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, list.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(list);
            }
            return;
        }
        byte[] json = ("{\"upstream\":\"" + name + "\",\"bodyBytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8);
        response.add("Content-Type", "application/json");
        int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
        if (exchange.getRequestMethod().equals("DELETE")) {
            exchange.sendResponseHeaders(204, -1); // as the product and document services answer a delete
            exchange.close();
            return;
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** {@code {"data":[{"id":"prod_…","name":"…","price":"6.90"}, …]}}, about {@code size} bytes. */
    static byte[] jsonList(int size) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (int i = 0; json.length() < size - 80; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"prod_").append(1000 + i)
                    .append("\",\"name\":\"Recycled paper A4, 500 sheets\",\"price\":\"6.90\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void awaitGate() throws IOException {
        try {
            if (!downloadGate.await(20, TimeUnit.SECONDS)) {
                throw new IOException("the client never got the first part: the gateway is buffering the response");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
