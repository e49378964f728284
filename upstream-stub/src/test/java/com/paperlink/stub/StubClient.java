package com.paperlink.stub;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls a running stub over real HTTP as the gateway would, one team at a time. */
public final class StubClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;

    public StubClient(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    public Reply send(String method, String path, String team, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (team != null) {
            request.header("X-PaperLink-Team-Id", team);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String team) {
        return send("GET", path, team, null);
    }

    public Reply post(String path, String team, String body) {
        return send("POST", path, team, body);
    }

    public Reply patch(String path, String team, String body) {
        return send("PATCH", path, team, body);
    }

    public Reply delete(String path, String team) {
        return send("DELETE", path, team, null);
    }

    /** A response with its body parsed on demand. */
    public record Reply(int status, String body, HttpResponse<String> raw, JsonMapper json) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            try {
                return json.readValue(body, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public String errorCode() {
            return (String) ((Map<String, Object>) map().get("error")).get("code");
        }

        @SuppressWarnings("unchecked")
        public String errorMessage() {
            return (String) ((Map<String, Object>) map().get("error")).get("message");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
