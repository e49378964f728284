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
        // each segment after the first slash, in place: the path of almost every request has no escapes
        int start = rawPath.indexOf('/') + 1;
        if (start == 0) {
            return true; // no slash: nothing after one to check (the path as split by '/' has one segment)
        }
        while (true) {
            int end = rawPath.indexOf('/', start);
            boolean last = end < 0;
            if (last) {
                end = rawPath.length();
            }
            if (start == end) {
                return last; // an empty segment is refused, but for a trailing slash
            }
            if (!safeSegment(rawPath, start, end)) {
                return false;
            }
            if (last) {
                return true;
            }
            start = end + 1;
        }
    }

    /** One raw segment, {@code rawPath[start, end)}: without escapes checked where it is, else decoded first. */
    private static boolean safeSegment(String rawPath, int start, int end) {
        int percent = rawPath.indexOf('%', start);
        if (percent >= 0 && percent < end) {
            String decoded = decode(rawPath.substring(start, end));
            return decoded != null && safeSegment(decoded);
        }
        return safeName(rawPath, start, end);
    }

    /**
     * {@code text[start, end)} holds no NUL, and its name (what precedes a {@code ;} parameter) is neither empty
     * nor {@code .} nor {@code ..}.
     */
    private static boolean safeName(String text, int start, int end) {
        int nameEnd = end;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (c == ';' && nameEnd == end) {
                nameEnd = i;
            }
        }
        int length = nameEnd - start;
        return length != 0 && !(length == 1 && text.charAt(start) == '.')
                && !(length == 2 && text.charAt(start) == '.' && text.charAt(start + 1) == '.');
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
        if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0) {
            return false;
        }
        return safeName(decoded, 0, decoded.length());
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
