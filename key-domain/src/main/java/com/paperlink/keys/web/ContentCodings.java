package com.paperlink.keys.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Content-coding negotiation on {@code Accept-Encoding} as RFC 9110 §12.5.3 defines it, limited to the
 * codings registered with IANA that a client can decode everywhere: {@code br}, {@code zstd}, {@code gzip}
 * and {@code deflate} (never {@code snappy} or anything else unregistered).
 * <ul>
 *   <li>Each listed coding carries a weight ({@code ;q=0.5}; absent = 1; {@code q=0} = "not acceptable").</li>
 *   <li>{@code *} gives its weight to every coding the client did not list.</li>
 *   <li>Unknown codings are ignored; a malformed weight makes its entry unacceptable.</li>
 *   <li>No header, an empty header, or nothing acceptable → identity (no coding).</li>
 * </ul>
 * Ties go to the server's order of preference (the order of {@code available}).
 */
public final class ContentCodings {

    /** The registered codings we may negotiate, in our order of preference. */
    public static final List<String> REGISTERED = List.of("br", "zstd", "gzip", "deflate");

    private ContentCodings() {
    }

    /**
     * The coding to answer with among {@code available} (our preference first), or {@code null} for
     * identity. {@code acceptEncoding} may be several header lines joined with commas.
     */
    public static String choose(String acceptEncoding, List<String> available) {
        float[] weights = weights(acceptEncoding);
        if (weights == null) {
            return null;
        }
        String best = null;
        float bestWeight = 0f;
        for (String coding : available) {
            int index = REGISTERED.indexOf(coding);
            if (index >= 0 && weights[index] > bestWeight) {
                best = coding;
                bestWeight = weights[index];
            }
        }
        return best;
    }

    /**
     * The registered codings the client accepts, highest weight first, as an {@code Accept-Encoding}
     * value for a server behind us (so it never answers with a coding the client cannot decode), or
     * {@code "identity"} when the client accepts none of them. {@code null} when the client sent no header.
     */
    public static String forUpstream(String acceptEncoding) {
        if (acceptEncoding == null) {
            return null;
        }
        float[] weights = weights(acceptEncoding);
        List<String> accepted = new ArrayList<>(REGISTERED.size());
        if (weights != null) {
            for (int i = 0; i < REGISTERED.size(); i++) {
                if (weights[i] > 0f) {
                    accepted.add(REGISTERED.get(i));
                }
            }
            accepted.sort((a, b) -> Float.compare(weights[REGISTERED.indexOf(b)], weights[REGISTERED.indexOf(a)]));
        }
        return accepted.isEmpty() ? "identity" : String.join(", ", accepted);
    }

    /** Weight per {@link #REGISTERED} coding (0 = not acceptable), or null when nothing is acceptable. */
    private static float[] weights(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return null;
        }
        float[] listed = new float[REGISTERED.size()];
        boolean[] named = new boolean[REGISTERED.size()];
        float star = 0f;
        boolean any = false;
        for (String entry : acceptEncoding.split(",")) {
            int semicolon = entry.indexOf(';');
            String coding = (semicolon < 0 ? entry : entry.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            float q = semicolon < 0 ? 1f : weight(entry.substring(semicolon + 1));
            if (coding.equals("*")) {
                star = q;
                continue;
            }
            if (coding.equals("x-gzip")) {
                coding = "gzip"; // RFC 9110 §8.4.1.3: a recipient SHOULD treat x-gzip as gzip
            }
            int index = REGISTERED.indexOf(coding);
            if (index >= 0) {
                listed[index] = Math.max(listed[index], q);
                named[index] = true;
            }
        }
        for (int i = 0; i < listed.length; i++) {
            if (!named[i]) {
                listed[i] = star;
            }
            any |= listed[i] > 0f;
        }
        return any ? listed : null;
    }

    /** The {@code q} parameter (0 to 1, at most three decimals); anything malformed counts as 0. */
    private static float weight(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                return qvalue(p.substring(2).trim());
            }
        }
        return 1f;
    }

    /** RFC 9110 §12.4.2: {@code 0[.ddd]} or {@code 1[.000]}; anything else is 0 (no regex: the gateway runs this per request). */
    private static float qvalue(String value) {
        int length = value.length();
        if (length == 0 || length > 5 || (value.charAt(0) != '0' && value.charAt(0) != '1')
                || (length > 1 && value.charAt(1) != '.')) {
            return 0f;
        }
        for (int i = 2; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9' || (value.charAt(0) == '1' && c != '0')) {
                return 0f;
            }
        }
        return length <= 2 ? value.charAt(0) - '0' : Float.parseFloat(value);
    }
}
