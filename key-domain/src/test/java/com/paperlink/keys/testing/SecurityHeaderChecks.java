package com.paperlink.keys.testing;

import com.paperlink.keys.web.SecurityHeaders;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one answer against the services' header policy ({@link SecurityHeaders}) and says what is
 * wrong, so a walk over every route can report every offending route at once.
 */
public final class SecurityHeaderChecks {

    private SecurityHeaderChecks() {
    }

    /**
     * @param pagePolicy the service's Content-Security-Policy for HTML pages
     * @param https      whether {@code Strict-Transport-Security} is expected
     * @return what is wrong, empty when nothing is
     */
    public static List<String> problems(HttpHeaders headers, String pagePolicy, boolean https) {
        List<String> problems = new ArrayList<>();
        String type = headers.firstValue("Content-Type").orElse(null);
        String policy = SecurityHeaders.isHtml(type) ? pagePolicy : SecurityHeaders.NOT_A_PAGE_POLICY;
        expect(problems, headers, SecurityHeaders.CONTENT_SECURITY_POLICY, policy);
        expect(problems, headers, SecurityHeaders.CONTENT_TYPE_OPTIONS, "nosniff");
        expect(problems, headers, SecurityHeaders.FRAME_OPTIONS, "DENY");
        expect(problems, headers, SecurityHeaders.REFERRER_POLICY, "no-referrer");
        List<String> sts = headers.allValues(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        if (https) {
            expect(problems, headers, SecurityHeaders.STRICT_TRANSPORT_SECURITY, SecurityHeaders.HSTS);
        } else if (!sts.isEmpty()) {
            problems.add("Strict-Transport-Security over plain HTTP: " + sts);
        }
        return problems;
    }

    /** Exactly one {@code Cache-Control} value, this one. */
    public static List<String> cacheControl(HttpHeaders headers, String expected) {
        List<String> problems = new ArrayList<>();
        expect(problems, headers, SecurityHeaders.CACHE_CONTROL, expected);
        return problems;
    }

    private static void expect(List<String> problems, HttpHeaders headers, String name, String value) {
        List<String> values = headers.allValues(name);
        if (!values.equals(List.of(value))) {
            problems.add(name + " is " + values + ", expected [" + value + "]");
        }
    }
}
