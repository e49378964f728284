package com.paperlink.gateway.e2e;

import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.gateway.testing.PublicContract;
import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One gateway under test: a private PostgreSQL database with the real keys table, a live and a test
 * upstream that record what reached them, and the gateway itself on a random port, in-process.
 */
final class GatewayHarness implements AutoCloseable {

    final TestDatabase database;
    final RecordingUpstream live;
    final RecordingUpstream test;
    final EmbeddedServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param extra settings on top of the routes to the two upstreams (products, documents) */
    GatewayHarness(String label, Map<String, Object> extra) throws IOException {
        database = TestDatabase.create(label);
        live = new RecordingUpstream("live");
        test = new RecordingUpstream("test");
        Map<String, Object> properties = new HashMap<>(database.properties());
        for (String route : new String[] {"products", "documents"}) {
            properties.put("gateway.routes." + route + ".live-url", live.url());
            properties.put("gateway.routes." + route + ".test-url", test.url());
        }
        properties.put("micronaut.server.port", -1);
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Inserts an active key and returns its id and raw token. */
    TestKey key(KeyMode mode, KeyScope scope) throws SQLException {
        return key(mode, scope, null, null, false);
    }

    TestKey key(KeyMode mode, KeyScope scope, String allowedIps, Instant expiresAt, boolean revoked)
            throws SQLException {
        ApiKeyToken token = ApiKeyToken.generate(mode);
        String id = KeyIds.newId();
        String teamId = "team_" + id.substring(4, 12);
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO api_key (id, team_id, name, prefix, token_hash, mode, scope, created_by_id, created_by_name,
                                     created_at, expires_at, allowed_ips, revoked_at, revoked_by_id, revoked_by_name)
                VALUES (?, ?, 'test key', ?, ?, ?, ?, 'u1', 'Tess Ter', ?, ?, ?, ?, ?, ?)""")) {
            Instant now = Instant.now();
            s.setString(1, id);
            s.setString(2, teamId);
            s.setString(3, token.displayPrefix());
            s.setString(4, token.hash());
            s.setString(5, mode.wire());
            s.setString(6, scope.wire());
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
            s.setString(9, allowedIps);
            s.setTimestamp(10, revoked ? Timestamp.from(now) : null);
            s.setString(11, revoked ? "u1" : null);
            s.setString(12, revoked ? "Tess Ter" : null);
            s.executeUpdate();
        }
        return new TestKey(id, teamId, token.reveal());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends the request; the answer must agree with the public OpenAPI document ({@link PublicContract}). */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // RecordingUpstream's bodies are not products or documents: of its answers, status and headers count.
        PublicContract.get().check(request.method(), request.uri(), response,
                response.headers().firstValue("X-Upstream").isPresent());
        return response;
    }

    /** Sends bytes exactly as given (paths no URI class would let through); returns the raw response. */
    RawResponse raw(String requestHead) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int split;
            while ((split = buffer.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n")) < 0) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the response head: " + buffer);
                }
                buffer.write(b);
            }
            String head = buffer.toString(StandardCharsets.ISO_8859_1).substring(0, split);
            int status = Integer.parseInt(head.substring(9, 12));
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1)))
                    : head.toLowerCase().contains("transfer-encoding: chunked") ? readChunks(in) : in.readAllBytes();
            return new RawResponse(status, head, new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The chunks' bytes, framing removed (no trailers expected). */
    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("connection closed inside a chunked body");
                }
                line.append((char) b);
            }
            int size = Integer.parseInt(line.toString().trim(), 16);
            body.write(in.readNBytes(size));
            in.readNBytes(2);
            if (size == 0) {
                return body.toByteArray();
            }
        }
    }

    record RawResponse(int status, String head, String body) {
    }

    record TestKey(String id, String teamId, String token) {
    }

    @Override
    public void close() {
        server.close();
        live.close();
        test.close();
        database.close();
    }
}
