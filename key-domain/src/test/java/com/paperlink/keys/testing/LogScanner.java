package com.paperlink.keys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every log file a test run produced (service logs under {@code target/e2e-logs}, the test JVMs'
 * output under {@code target/surefire-reports}) and finds anything that looks like a raw API key or a
 * JWT. Findings are reported masked, so the scanner's own failure message is no leak either.
 */
public final class LogScanner {

    public static final Pattern API_KEY = Pattern.compile("pk_(live|test)_[0-9A-Za-z]{36}");
    public static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** One secret-looking string: where, and a masked excerpt. */
    public record Finding(Path file, int line, String masked) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + masked;
        }
    }

    /** What was read, for the report, and what was found. */
    public record Result(int files, long lines, List<Finding> findings) {
    }

    private LogScanner() {
    }

    /** Scans every regular file under these directories (missing ones are skipped). */
    public static Result scan(List<Path> roots) {
        List<Finding> findings = new ArrayList<>();
        int files = 0;
        long lines = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> logs;
            try (Stream<Path> walk = Files.walk(root)) {
                logs = walk.filter(Files::isRegularFile).filter(LogScanner::isLog).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            for (Path log : logs) {
                files++;
                lines += scanFile(log, findings);
            }
        }
        return new Result(files, lines, findings);
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") || name.endsWith(".txt") || name.endsWith(".xml") || name.endsWith(".out")
                || name.endsWith(".dumpstream");
    }

    private static long scanFile(Path file, List<Finding> findings) {
        List<String> lines;
        try {
            // Bytes as ISO-8859-1: never fails on a log holding random bytes from hostile-input tests.
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n", -1));
        } catch (IOException e) {
            return 0; // deleted while we read: nothing left to leak
        }
        for (int i = 0; i < lines.size(); i++) {
            for (Pattern pattern : List.of(API_KEY, JWT)) {
                Matcher m = pattern.matcher(lines.get(i));
                while (m.find()) {
                    findings.add(new Finding(file, i + 1, mask(m.group())));
                }
            }
        }
        return lines.size();
    }

    /** Keeps 12 characters, enough to find the line, too few to use. */
    public static String mask(String secret) {
        return secret.substring(0, Math.min(12, secret.length())) + "…(" + secret.length() + " chars)";
    }
}
