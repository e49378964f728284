package com.paperlink.gateway.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CodeSamplesTest {

    @Test
    void offersCurlJavascriptPythonAndJavaInThatOrder() {
        List<Map<String, String>> samples = CodeSamples.of("get", "http://gw/api/v1/products", null);

        assertThat(samples).extracting(s -> s.get("label")).containsExactly("cURL", "JavaScript", "Python", "Java");
        assertThat(samples).allSatisfy(s -> assertThat(s.get("source")).contains("http://gw/api/v1/products", "PAPERLINK_API_KEY"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "curl       | -X POST 'http://gw/x' | -d '{\"name\":\"it''s\"}'",
            "javascript | method: \"POST\"      | body: JSON.stringify({\"name\":\"it's\"})",
            "python     | requests.post(        | json={\"name\":\"it's\"}",
            "java       | .method(\"POST\"      | ofString(\"{\\\"name\\\":\\\"it's\\\"}\")",
    })
    void sendsTheBodyAsJsonInEachLanguage(String language, String verbPart, String bodyPart) {
        String body = "{\"name\":\"it's\"}";
        String source = switch (language) {
            case "curl" -> CodeSamples.curl("POST", "http://gw/x", body);
            case "javascript" -> CodeSamples.javascript("POST", "http://gw/x", body);
            case "python" -> CodeSamples.python("POST", "http://gw/x", body);
            default -> CodeSamples.java("POST", "http://gw/x", body);
        };

        assertThat(source).contains(verbPart.replace("'\\''", "'\\''"));
        assertThat(source).contains(language.equals("curl") ? "-d '{\"name\":\"it'\\''s\"}'" : bodyPart);
    }

    @Test
    void curlLeavesOutTheMethodForGet() {
        assertThat(CodeSamples.curl("GET", "http://gw/x", null)).startsWith("curl 'http://gw/x'").doesNotContain("-X");
    }
}
