package com.paperlink.keys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Redocly CLI's {@code recommended} ruleset over an OpenAPI document, the way the README tells
 * integrators to: {@code npx -y @redocly/cli@VERSION lint --format=json FILE}. Needs Node's {@code npx}
 * and the npm registry (the first run downloads the CLI into npm's cache); {@link #available()} says
 * whether this machine has npx, and a run that could not fetch the CLI says so instead of a result.
 */
public final class RedoclyLint {

    /** The version the README's command names; 1.34.21 does not install. */
    public static final String CLI = "@redocly/cli@2.77.0";

    private static final Pattern PROBLEM = Pattern.compile(
            "\"ruleId\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"severity\"\\s*:\\s*\"(error|warn)\"");

    private RedoclyLint() {
    }

    /** One finding: the rule and whether it is an error or a warning. */
    public record Problem(String ruleId, String severity) {
        public boolean isError() {
            return severity.equals("error");
        }
    }

    /** What the lint found; {@code unavailable} holds why it could not run (then the lists are empty). */
    public record Result(List<Problem> problems, String unavailable, String output) {
        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }

        public List<Problem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "npx"))) {
                return true;
            }
        }
        return false;
    }

    public static Result lint(Path document) throws IOException, InterruptedException {
        if (!Files.isRegularFile(document)) {
            throw new IllegalStateException(document + " is missing: the build writes it before the tests run");
        }
        Path out = Files.createTempFile("redocly", ".json");
        Path err = Files.createTempFile("redocly", ".log");
        try {
            Process process = new ProcessBuilder("npx", "-y", CLI, "lint", "--format=json", document.toAbsolutePath().toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(List.of(), "npx did not finish within 5 minutes", "");
            }
            String json = Files.readString(out, StandardCharsets.UTF_8);
            String log = Files.readString(err, StandardCharsets.UTF_8);
            if (!json.contains("\"totals\"")) {
                // No report at all: npx could not fetch or start the CLI (offline, registry down).
                return new Result(List.of(), "Redocly CLI did not run (exit " + process.exitValue() + "): "
                        + tail(log + json), log + json);
            }
            List<Problem> problems = new ArrayList<>();
            Matcher matcher = PROBLEM.matcher(json);
            while (matcher.find()) {
                problems.add(new Problem(matcher.group(1), matcher.group(2)));
            }
            return new Result(List.copyOf(problems), null, json);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String text) {
        return text.length() <= 400 ? text : text.substring(text.length() - 400);
    }
}
