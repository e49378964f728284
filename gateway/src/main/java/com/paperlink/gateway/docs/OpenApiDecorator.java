package com.paperlink.gateway.docs;

import com.paperlink.gateway.keyinfo.KeyInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds to the generated document what the gateway does for every operation, so no annotation
 * repeats it: the error answers each operation can get (the gateway's own 401/403/404/405/429/502/
 * 503/504, and the services' 400/404/409/413/415 where they can answer them), the rate-limit and
 * request-id headers, the {@code servers} entry and code samples.
 */
final class OpenApiDecorator {

    static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options");
    static final List<String> RATE_LIMIT_HEADERS = List.of(
            "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Policy", "RateLimit");
    /** Status → shared response, for every operation (the gateway answers these before or instead of the service). */
    static final Map<String, String> ERRORS = orderedMap(
            "401", "Unauthorized", "403", "Forbidden", "404", "NotFound", "405", "MethodNotAllowed",
            "429", "TooManyRequests", "502", "BadGateway", "503", "ServiceUnavailable", "504", "GatewayTimeout");
    /** Answered before rate limiting: these alone never carry the rate-limit headers. */
    static final Set<String> BEFORE_RATE_LIMIT = Set.of("Unauthorized", "ServiceUnavailable");
    /** Answers only an upstream (or a path no route serves) can cause. */
    private static final Set<String> UPSTREAM_ERRORS = Set.of("404", "502", "504");
    private static final Map<String, String> SUCCESS = Map.of("200", "OK", "201", "Created", "204", "Deleted: no content");

    private OpenApiDecorator() {
    }

    /**
     * @param publicUrl the base URL of the code samples
     * @param serverUrl the {@code servers} entry: the configured public URL, or {@code /} (where it is served)
     */
    static Map<String, Object> decorate(Map<String, Object> generated, Map<String, Object> handWritten, String publicUrl,
                                        String serverUrl) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", serverUrl);
        server.put("description", serverUrl.equals("/") ? "This gateway (the host that served this document)"
                : "This gateway (gateway.docs.public-url)");
        Map<String, Object> rest = new LinkedHashMap<>(generated);
        generated.clear();
        generated.put("openapi", rest.remove("openapi"));
        generated.put("info", rest.remove("info"));
        generated.put("servers", List.of(server));
        generated.putAll(rest);
        Map<String, Object> components = child(generated, "components");
        child(handWritten, "components").forEach((section, entries) ->
                child(components, section).putAll(asMap(entries)));
        child(components, "responses").forEach((name, response) -> {
            if (!BEFORE_RATE_LIMIT.contains(name)) {
                addHeaders(asMap(response));
            }
        });
        Map<String, Object> schemas = child(components, "schemas");
        child(generated, "paths").forEach((path, item) -> asMap(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                decorateOperation(path, method, asMap(operation), schemas, publicUrl);
            }
        }));
        return generated;
    }

    private static void decorateOperation(String path, String method, Map<String, Object> operation,
                                          Map<String, Object> schemas, String publicUrl) {
        Map<String, Object> responses = child(operation, "responses");
        responses.forEach((status, response) -> {
            Map<String, Object> answer = asMap(response);
            if (SUCCESS.containsKey(status)) {
                answer.put("description", SUCCESS.get(status));
            }
            addHeaders(answer);
        });
        String body = null;
        for (Object parameter : (List<?>) operation.getOrDefault("parameters", List.of())) {
            asMap(asMap(parameter).get("schema")).remove("nullable"); // absent, never null, on the wire
        }
        if (operation.containsKey("requestBody") || method.equals("get") && !path.endsWith("}")) {
            responses.put("400", ref("#/components/responses/ValidationFailed")); // a body or paging rule broken
        }
        if (operation.containsKey("requestBody")) {
            responses.put("413", ref("#/components/responses/PayloadTooLarge"));
            responses.put("415", ref("#/components/responses/UnsupportedMediaType"));
            body = exampleBody(operation, schemas, method.equals("patch"));
        }
        if (method.equals("post")) {
            responses.put("409", ref("#/components/responses/LimitReached"));
        }
        boolean gatewayAnswers = path.equals(KeyInfo.PATH); // answered by the gateway: no upstream, no 404
        ERRORS.forEach((status, name) -> {
            if (!(gatewayAnswers && UPSTREAM_ERRORS.contains(status))) {
                responses.putIfAbsent(status, ref("#/components/responses/" + name));
            }
        });
        Map<String, Object> inStatusOrder = new TreeMap<>(responses);
        responses.clear();
        responses.putAll(inStatusOrder);
        operation.put("x-codeSamples", CodeSamples.of(method, publicUrl + examplePath(path, operation), body));
    }

    private static void addHeaders(Map<String, Object> response) {
        if (response.containsKey("$ref")) {
            return;
        }
        Map<String, Object> headers = child(response, "headers");
        for (String name : RATE_LIMIT_HEADERS) {
            headers.putIfAbsent(name, ref("#/components/headers/" + name));
        }
        headers.putIfAbsent("X-Request-Id", ref("#/components/headers/X-Request-Id"));
    }

    /** The path with each parameter replaced by its example, e.g. {@code /api/v1/products/prod_7Gq2kX9mTb4w}. */
    static String examplePath(String path, Map<String, Object> operation) {
        String result = path;
        for (Object parameter : (List<?>) operation.getOrDefault("parameters", List.of())) {
            Map<String, Object> p = asMap(parameter);
            if ("path".equals(p.get("in"))) {
                Object example = p.getOrDefault("example", "{" + p.get("name") + "}");
                result = result.replace("{" + p.get("name") + "}", String.valueOf(example));
            }
        }
        return result;
    }

    /** A body from the request schema's property examples; a PATCH changes just the first property. */
    static String exampleBody(Map<String, Object> operation, Map<String, Object> schemas, boolean patch) {
        Map<String, Object> schema = asMap(asMap(asMap(asMap(operation.get("requestBody")).get("content"))
                .get("application/json")).get("schema"));
        Object ref = schema.get("$ref");
        if (ref != null) {
            schema = asMap(schemas.get(ref.toString().substring(ref.toString().lastIndexOf('/') + 1)));
        }
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, Object> property : child(schema, "properties").entrySet()) {
            Object example = asMap(property.getValue()).get("example");
            if (example instanceof String || example instanceof Number) {
                fields.add(quote(property.getKey()) + ":" + (example instanceof String s ? quote(s) : example));
                if (patch) {
                    break;
                }
            }
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, Object> ref(String target) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", target);
        return ref;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    }

    /** The named child map, created (and attached) when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.computeIfAbsent(name, n -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
