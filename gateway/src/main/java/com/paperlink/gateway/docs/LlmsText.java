package com.paperlink.gateway.docs;

import java.util.List;
import java.util.Map;

import static com.paperlink.gateway.docs.OpenApiDecorator.asMap;
import static com.paperlink.gateway.docs.OpenApiDecorator.child;

/**
 * {@code /api/llms.txt}: the public API as plain text for LLM agents (the llms.txt convention:
 * a title, a summary, then sections of links and facts), rendered from the OpenAPI document so
 * it can never disagree with it.
 */
final class LlmsText {

    private LlmsText() {
    }

    static String render(Map<String, Object> document, String publicUrl) {
        Map<String, Object> info = child(document, "info");
        StringBuilder text = new StringBuilder();
        text.append("# ").append(info.get("title")).append(" (version ").append(info.get("version")).append(")\n\n");
        text.append("> ").append(String.valueOf(info.get("description")).lines().findFirst().orElse("")).append("\n\n");
        text.append(String.valueOf(info.get("description")).lines().skip(1).reduce("", (a, b) -> a + b + "\n").strip())
                .append("\n\n");
        text.append("- Base URL: ").append(publicUrl).append("\n");
        text.append("- OpenAPI: ").append(publicUrl).append("/api/openapi.json (also /api/openapi.yml)\n");
        text.append("- Interactive reference: ").append(publicUrl).append("/api/docs\n");
        text.append("- Keys: `pk_live_` keys reach live data, `pk_test_` keys an isolated test sandbox; ")
                .append("read-only keys may use GET and HEAD only.\n\n");

        text.append("## Operations\n\n");
        child(document, "paths").forEach((path, item) -> asMap(item).forEach((method, op) -> {
            if (!OpenApiDecorator.METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = asMap(op);
            text.append("### ").append(method.toUpperCase()).append(' ').append(path).append(" — ")
                    .append(operation.get("summary")).append("\n");
            if (operation.get("description") != null) {
                text.append(operation.get("description")).append("\n");
            }
            for (Object parameter : (List<?>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> p = asMap(parameter);
                text.append("- ").append(p.get("in")).append(" parameter `").append(p.get("name")).append('`');
                if (p.get("description") != null) {
                    text.append(": ").append(p.get("description"));
                }
                text.append("\n");
            }
            if (operation.containsKey("requestBody")) {
                text.append("- body: ").append(schemaName(asMap(asMap(asMap(asMap(operation.get("requestBody"))
                        .get("content")).get("application/json")).get("schema")))).append(" (JSON)\n");
            }
            child(operation, "responses").forEach((status, response) -> {
                Map<String, Object> answer = asMap(response);
                if (status.startsWith("2")) {
                    Map<String, Object> json = asMap(child(answer, "content").get("application/json"));
                    text.append("- ").append(status).append(": ")
                            .append(json.isEmpty() ? "no body" : schemaName(asMap(json.get("schema")))).append("\n");
                }
            });
            text.append("\n");
        }));

        text.append("## Schemas\n\n");
        child(child(document, "components"), "schemas").forEach((name, schema) -> {
            text.append("- ").append(name).append(": ");
            List<String> fields = child(asMap(schema), "properties").entrySet().stream()
                    .map(e -> e.getKey() + " (" + typeOf(asMap(e.getValue())) + ")").toList();
            text.append(String.join(", ", fields)).append("\n");
        });

        text.append("\n## Errors\n\nEvery error: {\"error\": {\"code\", \"message\", \"requestId\"}}.\n");
        Map<String, Object> responses = child(child(document, "components"), "responses");
        OpenApiDecorator.ERRORS.forEach((status, name) ->
                text.append("- ").append(status).append(": ").append(asMap(responses.get(name)).get("description")).append("\n"));
        text.append("- 400: ").append(asMap(responses.get("ValidationFailed")).get("description")).append("\n");
        text.append("\n## Rate limits\n\nEvery answer after authentication carries ")
                .append(String.join(", ", OpenApiDecorator.RATE_LIMIT_HEADERS))
                .append(". Over the limit: 429 with Retry-After (seconds).\n");
        return text.toString();
    }

    private static String schemaName(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        return ref == null ? typeOf(schema) : ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
    }

    private static String typeOf(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            return schemaName(schema);
        }
        if ("array".equals(schema.get("type"))) {
            return "array of " + typeOf(asMap(schema.get("items")));
        }
        return String.valueOf(schema.getOrDefault("type", "object"));
    }
}
