package com.paperlink.gateway.docs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ready-to-run snippets for one operation in cURL, JavaScript fetch, Python requests and Java
 * HttpClient. The key comes from {@code PAPERLINK_API_KEY} in every language, so a copied sample
 * never carries a key. Rendered as {@code x-codeSamples} (the Redoc/Scalar convention).
 */
final class CodeSamples {

    private CodeSamples() {
    }

    /** {@code body} is compact JSON or null; {@code url} is absolute. */
    static List<Map<String, String>> of(String method, String url, String body) {
        String verb = method.toUpperCase(Locale.ROOT);
        return List.of(
                sample("cURL", "shell", curl(verb, url, body)),
                sample("JavaScript", "javascript", javascript(verb, url, body)),
                sample("Python", "python", python(verb, url, body)),
                sample("Java", "java", java(verb, url, body)));
    }

    private static Map<String, String> sample(String label, String lang, String source) {
        return Map.of("lang", lang, "label", label, "source", source);
    }

    static String curl(String verb, String url, String body) {
        StringBuilder s = new StringBuilder("curl");
        if (!verb.equals("GET")) {
            s.append(" -X ").append(verb);
        }
        s.append(" '").append(url).append("' \\\n  -H \"Authorization: Bearer $PAPERLINK_API_KEY\"");
        if (body != null) {
            s.append(" \\\n  -H 'Content-Type: application/json' \\\n  -d '").append(body.replace("'", "'\\''")).append("'");
        }
        return s.toString();
    }

    static String javascript(String verb, String url, String body) {
        StringBuilder s = new StringBuilder("const response = await fetch(\"").append(url).append("\", {\n")
                .append("  method: \"").append(verb).append("\",\n")
                .append("  headers: {\n    Authorization: `Bearer ${process.env.PAPERLINK_API_KEY}`");
        if (body != null) {
            s.append(",\n    \"Content-Type\": \"application/json\"");
        }
        s.append("\n  }");
        if (body != null) {
            s.append(",\n  body: JSON.stringify(").append(body).append(")");
        }
        s.append("\n});\n");
        s.append(verb.equals("DELETE") ? "console.log(response.status);" : "console.log(response.status, await response.json());");
        return s.toString();
    }

    static String python(String verb, String url, String body) {
        StringBuilder s = new StringBuilder("import os\nimport requests\n\nresponse = requests.")
                .append(verb.toLowerCase(Locale.ROOT)).append("(\n    \"").append(url).append("\",\n")
                .append("    headers={\"Authorization\": f\"Bearer {os.environ['PAPERLINK_API_KEY']}\"},\n");
        if (body != null) {
            s.append("    json=").append(pythonLiteral(body)).append(",\n");
        }
        s.append("    timeout=30,\n)\n");
        s.append(verb.equals("DELETE") ? "print(response.status_code)" : "print(response.status_code, response.json())");
        return s.toString();
    }

    static String java(String verb, String url, String body) {
        String publisher = body == null ? "HttpRequest.BodyPublishers.noBody()"
                : "HttpRequest.BodyPublishers.ofString(\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
        StringBuilder s = new StringBuilder("HttpRequest request = HttpRequest.newBuilder(URI.create(\"").append(url).append("\"))\n")
                .append("        .header(\"Authorization\", \"Bearer \" + System.getenv(\"PAPERLINK_API_KEY\"))\n");
        if (body != null) {
            s.append("        .header(\"Content-Type\", \"application/json\")\n");
        }
        s.append("        .method(\"").append(verb).append("\", ").append(publisher).append(")\n        .build();\n")
                .append("HttpResponse<String> response = HttpClient.newHttpClient()\n")
                .append("        .send(request, HttpResponse.BodyHandlers.ofString());\n")
                .append("System.out.println(response.statusCode() + \" \" + response.body());");
        return s.toString();
    }

    // JSON of strings and numbers reads as a Python literal, except for true/false/null.
    private static String pythonLiteral(String json) {
        return json.replace(":true", ":True").replace(":false", ":False").replace(":null", ":None");
    }
}
