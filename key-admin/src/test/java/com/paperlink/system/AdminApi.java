package com.paperlink.system;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The key-admin REST API over real HTTP, for setting a scene (ten keys, a key to rename) faster
 * than clicking, and for checking what the page did from the API's side.
 */
final class AdminApi {

    record Response(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String jwt;
    private final JsonMapper json;

    AdminApi(String baseUrl, String jwt, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.jwt = jwt;
        this.json = json;
    }

    Map<String, Object> createKey(String teamId, String name, String mode, String scope) {
        Response response = createKeyRaw(teamId, "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\",\"scope\":\"" + scope + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("create key answered " + response.status() + ": " + response.body());
        }
        return read(response.body(), Argument.mapOf(String.class, Object.class));
    }

    Response createKeyRaw(String teamId, String body) {
        return send(HttpRequest.newBuilder(keys(teamId)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    /** Rolls a key with the default grace period. */
    Response rollRaw(String teamId, String keyId) {
        return send(HttpRequest.newBuilder(URI.create(keys(teamId) + "/" + keyId + "/roll"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
    }

    List<Map<String, Object>> listKeys(String teamId) {
        Response response = send(HttpRequest.newBuilder(keys(teamId)).GET());
        if (response.status() != 200) {
            throw new IllegalStateException("list keys answered " + response.status() + ": " + response.body());
        }
        return read(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /** The API's {@code error.message} for a failed call, as the page should display it. */
    String errorMessage(Response response) {
        Map<String, Map<String, Object>> body = read(response.body(),
                Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, Object.class)));
        return String.valueOf(body.get("error").get("message"));
    }

    private URI keys(String teamId) {
        return URI.create(baseUrl + "/admin/v1/teams/" + teamId + "/keys");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + jwt).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String body, Argument<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected body: " + body, e);
        }
    }
}
