package com.paperlink.keys.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that misbehaves on purpose, on a raw {@link ServerSocket} so nothing in an HTTP
 * library smooths the fault over. The mode can change between requests; every request head it
 * receives is kept (for tests that check what reached the upstream) and open connections are counted
 * (for tests that check the gateway's pool gives connections back).
 */
public final class MisbehavingUpstream implements AutoCloseable {

    /** What the next request gets. */
    public enum Mode {
        /** 200 with a small JSON body, keep-alive. */
        OK,
        /** Status line, headers and part of the promised body, then a TCP reset. */
        RESET_MID_RESPONSE,
        /** Reads the request, then says nothing until the client gives up. */
        SLOW_HEADERS,
        /** Headers promise 1000 bytes; one byte every three seconds follows. */
        SLOW_BODY,
        /** 16 MiB body, sent as fast as the client reads. */
        HUGE_RESPONSE,
        /** Chunked body whose chunks never stop coming. */
        NEVER_ENDING_CHUNKED,
        /** Not HTTP at all. */
        GARBAGE_STATUS_LINE,
        /** Accepts, then closes at once without a byte. */
        CLOSE_IMMEDIATELY,
        /** As {@link #OK}, 200 ms later (so concurrent requests each need a connection of their own). */
        OK_SLOWLY,
        /**
         * A connection that has served a request before closes without a byte when the next one arrives (an
         * upstream restarting, or closing idle connections as a request arrives); a new connection answers OK.
         */
        CLOSE_REUSED
    }

    public static final long HUGE_BYTES = 16L << 20;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-upstream");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requestHeads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.OK;

    private MisbehavingUpstream(ServerSocket server) {
        this.server = server;
        threads.execute(this::acceptLoop);
    }

    public static MisbehavingUpstream start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0), 200);
            return new MisbehavingUpstream(socket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL where nothing listens: connecting is refused. */
    public static String refusingUrl() {
        return "http://127.0.0.1:" + ServiceProcess.freePort();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Request heads received so far (request line and headers, as sent). */
    public List<String> requestHeads() {
        synchronized (requestHeads) {
            return List.copyOf(requestHeads);
        }
    }

    public void clearRequests() {
        requestHeads.clear();
    }

    /** Connections currently open from clients (the gateway's pool). */
    public int openConnections() {
        return open.get();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int served = 0; ; served++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requestHeads.add(head);
                skipBody(in, head);
                Mode now = mode;
                if (now == Mode.CLOSE_REUSED) {
                    now = served > 0 ? Mode.CLOSE_IMMEDIATELY : Mode.OK;
                } else if (now == Mode.OK_SLOWLY) {
                    Thread.sleep(200);
                    now = Mode.OK;
                }
                if (!answer(now, socket, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: that is the point of most modes
        } finally {
            open.decrementAndGet();
        }
    }

    /** @return true when the connection may serve another request */
    private static boolean answer(Mode mode, Socket socket, OutputStream out) throws IOException, InterruptedException {
        switch (mode) {
            case OK -> {
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return true;
            }
            case RESET_MID_RESPONSE -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"partial\":"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
                socket.setSoLinger(true, 0); // close with RST
                return false;
            }
            case SLOW_HEADERS -> {
                socket.setSoTimeout(120_000);
                while (socket.getInputStream().read() >= 0) {
                    // wait for the client to give up
                }
                return false;
            }
            case SLOW_BODY -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 20; i++) { // bounded at 60 s so a stuck test cannot leak forever
                    out.write('x');
                    out.flush();
                    Thread.sleep(3000);
                }
                return false;
            }
            case HUGE_RESPONSE -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + HUGE_BYTES
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[64 * 1024];
                for (long sent = 0; sent < HUGE_BYTES; sent += block.length) {
                    out.write(block);
                }
                out.flush();
                return true;
            }
            case NEVER_ENDING_CHUNKED -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 600; i++) { // bounded at 60 s so a stuck test cannot leak forever
                    out.write("10\r\n0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
                return false;
            }
            case GARBAGE_STATUS_LINE -> {
                out.write("HTLP/9.9 two hundred\r\n\u0000\u0001garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return false;
            }
            case CLOSE_IMMEDIATELY -> {
                return false;
            }
            default -> throw new IllegalStateException(mode.name());
        }
    }

    /** The request line and headers up to the blank line, or null at end of stream. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
            if (head.length() > 256 * 1024) {
                return head.toString();
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")
                    && line.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                skipChunks(in);
                return;
            }
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                long remaining = Long.parseLong(line.substring(colon + 1).trim());
                while (remaining > 0) {
                    long skipped = in.skip(remaining);
                    if (skipped <= 0 && in.read() < 0) {
                        return;
                    }
                    remaining -= Math.max(skipped, 1);
                }
            }
        }
    }

    /** Reads a chunked body to its end (size lines, data, the last chunk and any trailer lines). */
    private static void skipChunks(InputStream in) throws IOException {
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                return;
            }
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size: " + sizeLine);
            }
            if (size == 0) {
                String trailer;
                while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                    // skip trailer fields
                }
                return;
            }
            in.readNBytes((int) size);
            line(in); // the CRLF after the data
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int length = text.length();
                return length > 0 && text.charAt(length - 1) == '\r' ? text.substring(0, length - 1) : text.toString();
            }
            text.append((char) c);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (SocketException ignored) {
            // closing
        } catch (IOException ignored) {
            // best effort
        }
        threads.shutdownNow();
    }
}
