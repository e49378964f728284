package com.paperlink.keyadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.paperlink.keys.testing.RedoclyLint;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * key-admin's OpenAPI document passes Redocly CLI's {@code recommended} ruleset (the README's lint command)
 * with no errors and only the warnings the README justifies. Runs where Node's npx is installed.
 */
class OpenApiLintTest {

    static final Path DOCUMENT = Path.of("target", "classes", "META-INF", "swagger", "paperlink-key-admin-1.yml");
    /** README, "The API reference": a proprietary API has no license to name. */
    static final Set<String> JUSTIFIED_WARNINGS = Set.of("info-license");

    @Test
    @Timeout(360)
    void keyAdminDocumentLintsCleanWithRedoclysRecommendedRules() throws Exception {
        assumeTrue(RedoclyLint.available(), "npx (Node.js) is not installed");

        RedoclyLint.Result result = RedoclyLint.lint(DOCUMENT);

        assumeTrue(result.unavailable() == null, result.unavailable());
        assertThat(result.errors()).as(result.output()).isEmpty();
        assertThat(result.warnings()).as(result.output()).allSatisfy(w -> assertThat(JUSTIFIED_WARNINGS).contains(w.ruleId()));
    }
}
