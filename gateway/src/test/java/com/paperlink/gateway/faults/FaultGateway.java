package com.paperlink.gateway.faults;

import com.paperlink.keys.testing.PrivatePostgres;
import com.paperlink.keys.testing.TestRedis;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real gateway (Netty, the whole filter pipeline) in the test JVM on a random port, configured for
 * one fault test: its database, its Redis (or none), its upstreams and short timeouts. Fault tests in
 * this module cannot start the gateway jar (it is packaged after the tests run), so they start this.
 */
final class FaultGateway implements AutoCloseable {

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultGateway(EmbeddedServer server) {
        this.server = server;
        this.context = server.getApplicationContext();
    }

    /** Properties every fault gateway shares; tests add or override. */
    static Map<String, Object> baseProperties(String label, Map<String, Object> database, String liveUrl, String testUrl) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", -1);
        props.put("gateway.routes.products.path", "/products");
        props.put("gateway.routes.products.live-url", liveUrl);
        props.put("gateway.routes.products.test-url", testUrl);
        props.put("gateway.routes.documents.path", "/documents");
        props.put("gateway.routes.documents.live-url", liveUrl);
        props.put("gateway.routes.documents.test-url", testUrl);
        props.put("gateway.upstream.connect-timeout", "500ms");
        props.put("gateway.upstream.read-timeout", "1500ms");
        props.put("gateway.rate-limit.requests", 1_000_000); // tests about limiting set their own
        props.put("gateway.auth.failure-budget", 1_000_000); // so does the test of the failed-authentication budget
        props.put("gateway.rate-limit.key-prefix", TestRedis.uniquePrefix(label) + "rl:");
        props.put("paperlink.key-events.channel", TestRedis.uniquePrefix(label) + "key-events");
        return props;
    }

    /** The datasource settings for a database of a private PostgreSQL cluster. */
    static Map<String, Object> databaseOf(PrivatePostgres postgres, String database) {
        return Map.of(
                "datasources.default.url", postgres.jdbcUrl(database),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    /** Closes what a test class started, in order, skipping what never started. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + resource, e);
                }
            }
        }
    }

    static FaultGateway start(Map<String, Object> properties) {
        return new FaultGateway(ApplicationContext.run(EmbeddedServer.class, properties, "test"));
    }

    ApplicationContext context() {
        return context;
    }

    int port() {
        return server.getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A GET with {@code Authorization: <authorization>} (omitted when null) and extra name/value pairs. */
    HttpResponse<String> get(String path, String authorization, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same GET, sent without waiting (for concurrent requests). */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path, String authorization) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST without a body (Content-Length: 0), as an action endpoint gets it. */
    HttpResponse<String> postEmpty(String path, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int health() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url("/health"))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static boolean hasErrorShape(String body, String code) {
        return body.matches("(?s)\\{\\s*\"error\"\\s*:\\s*\\{.*\\}\\s*\\}\\s*")
                && body.contains("\"code\":\"" + code + "\"") && body.contains("\"message\":")
                && body.contains("\"requestId\":");
    }

    @Override
    public void close() {
        server.close();
        if (context.isRunning()) {
            context.close();
        }
    }
}
