package com.paperlink.keys.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, for what well-behaved clients refuse to send: malformed
 * chunked bodies, oversized or duplicated headers, CR/LF in values, half-sent requests (slowloris).
 * Each request uses its own connection ({@code Connection: close} is the caller's business) and
 * reads until the server closes or the read timeout passes.
 */
public final class RawHttp {

    /** What came back. {@code status} is -1 when the server closed without an answer, -2 on a read timeout. */
    public record Response(int status, Map<String, String> headers, String body, String raw) {

        public boolean timedOut() {
            return status == -2;
        }

        public boolean closedWithoutAnswer() {
            return status == -1;
        }

        /** Lower-cased header name → last value. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean hasErrorShape() {
            return body.matches("(?s)\\s*\\{\\s*\"error\"\\s*:\\s*\\{.*\"code\"\\s*:\\s*\"[a-z_]+\".*\"message\"\\s*:.*"
                    + "\"requestId\"\\s*:.*\\}\\s*\\}\\s*");
        }

        @Override
        public String toString() {
            return status + " " + (raw.length() > 400 ? raw.substring(0, 400) + "…" : raw);
        }
    }

    private final String host;
    private final int port;
    private final int readTimeoutMillis;

    public RawHttp(int port, int readTimeoutMillis) {
        this.host = "127.0.0.1";
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Sends these exact bytes and reads the answer. */
    public Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(readTimeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close while we still write (e.g. 431 for a huge head): read what it said
            }
            return read(socket.getInputStream());
        }
    }

    public Response send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A GET with these extra header lines (each "Name: value", sent verbatim) and {@code Connection: close}. */
    public Response get(String path, String... headerLines) throws IOException {
        return send(head("GET", path, headerLines) + "\r\n");
    }

    /** The request line, Host and the given header lines, without the final blank line. */
    public String head(String method, String path, String... headerLines) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nConnection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    /** Opens a connection and sends only this prefix of a request; the caller keeps it open (slowloris). */
    public Socket openPartial(String prefix) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(readTimeoutMillis);
        socket.getOutputStream().write(prefix.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Whether the server closed this connection (end of stream or reset) within the socket's read timeout.
     * Anything the server sends before closing (e.g. a 408) is skipped.
     */
    public static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // drain an answer, if any, until the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /**
     * Reads one answer: the head, then as many body bytes as Content-Length says, or chunks up to the last
     * one, or (neither) everything until the server closes. So a kept-alive connection does not look like a hang.
     */
    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean timedOut = false;
        try {
            int headEnd = -1;
            long need = Long.MAX_VALUE;
            boolean chunked = false;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
                String sofar = bytes.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = sofar.indexOf("\r\n\r\n")) >= 0) {
                    String head = sofar.substring(0, headEnd).toLowerCase(Locale.ROOT);
                    chunked = head.contains("\r\ntransfer-encoding: chunked");
                    int cl = head.indexOf("\r\ncontent-length:");
                    if (cl >= 0 && !chunked) {
                        int eol = head.indexOf("\r\n", cl + 2);
                        need = Long.parseLong(head.substring(cl + 17, eol < 0 ? head.length() : eol).trim());
                    } else if (!chunked && head.matches("(?s)http/1\\.\\d (1\\d\\d|204|304).*")) {
                        need = 0;
                    }
                }
                if (headEnd >= 0 && (bytes.size() - headEnd - 4 >= need
                        || (chunked && sofar.endsWith("\r\n0\r\n\r\n")))) {
                    break;
                }
                if (bytes.size() > 4 << 20) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (IOException e) {
            // reset after a complete answer is still an answer
        } catch (NumberFormatException e) {
            // a garbage Content-Length: keep what we have
        }
        String raw = bytes.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.") || end < 0) {
            return new Response(timedOut ? -2 : -1, Map.of(), "", raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, raw);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0 || eol + 2 + size > body.length()) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
