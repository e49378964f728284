package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.LogScanner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every log the build produced so far (key-admin runs last: the gateway's and the stub's test output and
 * service logs are complete by now) holds no raw API key and no JWT. The tests deliberately send both,
 * valid and hostile, so the scan is not vacuous.
 */
class SecretsInLogsTest {

    @Test
    void noLogOfTheBuildHoldsAnApiKeyOrAJwt() {
        List<Path> roots = List.of(Path.of("target", "e2e-logs"), Path.of("target", "surefire-reports"),
                Path.of("..", "gateway", "target", "e2e-logs"), Path.of("..", "gateway", "target", "surefire-reports"),
                Path.of("..", "upstream-stub", "target", "e2e-logs"),
                Path.of("..", "upstream-stub", "target", "surefire-reports"),
                Path.of("..", "key-domain", "target", "surefire-reports"));
        LogScanner.Result result = LogScanner.scan(roots);
        System.out.println("log scan: " + result.files() + " files, " + result.lines() + " lines, "
                + result.findings().size() + " findings");
        assertThat(result.findings()).as("secret-looking strings in logs (masked)").isEmpty();
    }
}
