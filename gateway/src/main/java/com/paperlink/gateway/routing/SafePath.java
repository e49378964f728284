package com.paperlink.gateway.routing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses raw request paths that an upstream could resolve outside the route's prefix: dot segments in
 * any spelling ({@code ..}, {@code %2e%2e}, {@code .%2E}, double-encoded {@code %252e}), encoded slashes
 * and backslashes ({@code %2f}, {@code %5c}, {@code \}), NUL, matrix tricks ({@code ..;/}) and empty
 * segments. A path passing here means the same to every upstream as it means to us.
 */
final class SafePath {

    private static final String[] ENCODED_TRICKS = {"%2e", "%2f", "%5c", "%00", "%25"};

    private SafePath() {
    }

    static boolean isSafe(String rawPath) {
        if (rawPath.indexOf('\\') >= 0 || rawPath.length() > 4096) {
            return false;
        }
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                if (i == segments.length - 1) {
                    continue; // a trailing slash
                }
                return false;
            }
            String decoded = decode(segment);
            if (decoded == null || !safeSegment(decoded)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a raw path or query holds only printable ASCII: anything else was never percent-encoded by
     * the client and would reach the upstream as bytes it may read differently.
     */
    static boolean isVisibleAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean safeSegment(String decoded) {
        if (decoded.indexOf('%') >= 0) { // every trick starts with a percent sign: most segments have none
            String lower = decoded.toLowerCase(Locale.ROOT);
            for (String trick : ENCODED_TRICKS) {
                if (lower.contains(trick)) {
                    return false; // double encoding: an upstream that decodes again would see a dot, slash or NUL
                }
            }
        }
        if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0) {
            return false;
        }
        int semicolon = decoded.indexOf(';');
        String name = semicolon < 0 ? decoded : decoded.substring(0, semicolon);
        return !name.equals(".") && !name.equals("..") && !name.isEmpty();
    }

    /** Percent-decodes one segment as UTF-8 bytes; {@code null} for a malformed escape. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] out = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            // strict: overlong or broken UTF-8 (e.g. %c0%ae for '.') is refused, not replaced
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
