package com.paperlink.keyadmin;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Real HTTP calls to key-admin that answer status and body for every status (no exceptions for 4xx). */
public final class Api {

    private final BlockingHttpClient http;
    private final JsonMapper json;

    public Api(BlockingHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    public record Reply(int status, String body, HttpHeaders headers, JsonMapper json) {

        public Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        public List<Map<String, Object>> list() {
            try {
                return json.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON array: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> error() {
            return (Map<String, Object>) map().get("error");
        }

        public String errorCode() {
            return (String) error().get("code");
        }

        public String errorField() {
            return (String) error().get("field");
        }

        public String get(String field) {
            return (String) map().get(field);
        }
    }

    public Reply call(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> response = http.exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(""), response.getHeaders(), json);
        } catch (HttpClientResponseException e) {
            return new Reply(e.code(), e.getResponse().getBody(String.class).orElse(""), e.getResponse().getHeaders(),
                    json);
        }
    }

    public Reply get(String path, String jwt) {
        return call(auth(HttpRequest.GET(path), jwt));
    }

    public Reply post(String path, String jwt, String body) {
        return call(auth(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), jwt));
    }

    public Reply patch(String path, String jwt, String body) {
        return call(auth(HttpRequest.PATCH(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), jwt));
    }

    public Reply revoke(String team, String keyId, String jwt) {
        return call(auth(HttpRequest.POST(keys(team) + "/" + keyId + "/revoke", ""), jwt));
    }

    public Reply create(String team, String jwt, String name) {
        return post(keys(team), jwt, "{\"name\":\"" + name + "\",\"mode\":\"live\",\"scope\":\"read_write\"}");
    }

    public static String keys(String team) {
        return "/admin/v1/teams/" + team + "/keys";
    }

    private static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String jwt) {
        return jwt == null ? request : request.bearerAuth(jwt);
    }
}
