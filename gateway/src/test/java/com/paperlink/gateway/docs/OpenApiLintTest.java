package com.paperlink.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.paperlink.gateway.testing.PublicContract;
import com.paperlink.keys.testing.RedoclyLint;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public document passes Redocly CLI's {@code recommended} ruleset (the README's lint command) with no
 * errors and only the warnings the README justifies. Runs where Node's npx is installed (bin/test's machines).
 */
class OpenApiLintTest {

    /** README, "The API reference": a proprietary API has no license to name. */
    static final Set<String> JUSTIFIED_WARNINGS = Set.of("info-license");

    @Test
    @Timeout(360)
    void publicDocumentLintsCleanWithRedoclysRecommendedRules() throws Exception {
        assumeTrue(RedoclyLint.available(), "npx (Node.js) is not installed");

        RedoclyLint.Result result = RedoclyLint.lint(PublicContract.DOCUMENT);

        assumeTrue(result.unavailable() == null, result.unavailable());
        assertThat(result.errors()).as(result.output()).isEmpty();
        assertThat(result.warnings()).as(result.output()).allSatisfy(w -> assertThat(JUSTIFIED_WARNINGS).contains(w.ruleId()));
    }
}
