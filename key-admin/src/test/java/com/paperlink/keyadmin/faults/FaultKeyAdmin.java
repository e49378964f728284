package com.paperlink.keyadmin.faults;

import com.paperlink.keys.testing.HostileInputs;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** key-admin (Netty, security, error handling) in the test JVM on a random port, for one fault test. */
final class FaultKeyAdmin implements AutoCloseable {

    static final String SECRET = "fault-suite-secret-0123456789-abcdefghijklmnop";

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultKeyAdmin(EmbeddedServer server) {
        this.server = server;
    }

    static FaultKeyAdmin start(Map<String, Object> database, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", -1);
        props.put("key-admin.jwt-secret", SECRET);
        props.putAll(extra);
        return new FaultKeyAdmin(ApplicationContext.run(EmbeddedServer.class, props, "test"));
    }

    /** A valid JWT for this user with these roles, e.g. {@code jwt("u1", "team_a", "OWNER")}. */
    static String jwt(String user, String... teamRoles) {
        StringBuilder teams = new StringBuilder();
        for (int i = 0; i + 1 < teamRoles.length; i += 2) {
            teams.append(teams.length() == 0 ? "" : ",").append('"').append(teamRoles[i]).append("\":\"")
                    .append(teamRoles[i + 1]).append('"');
        }
        long exp = System.currentTimeMillis() / 1000 + 3600;
        return HostileInputs.hs256("{\"sub\":\"" + user + "\",\"name\":\"User " + user + "\",\"teams\":{" + teams
                + "},\"exp\":" + exp + "}", SECRET);
    }

    int port() {
        return server.getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    HttpResponse<String> send(String method, String path, String jwt, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a key and returns the whole JSON answer (with the token). */
    String createKey(String team, String jwt, String name, String mode) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/admin/v1/teams/" + team + "/keys", jwt,
                "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\",\"scope\":\"read_write\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static boolean hasErrorShape(String body) {
        return body.matches("(?s)\\s*\\{\\s*\"error\"\\s*:\\s*\\{.*\"code\"\\s*:\\s*\"[a-z_]+\".*\\}\\s*\\}\\s*")
                && body.contains("\"message\"") && body.contains("\"requestId\"");
    }

    @Override
    public void close() {
        server.close();
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().close();
        }
    }
}
