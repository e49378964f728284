package com.paperlink.keys;

import java.util.Random;

/** Base62 with the alphabet {@code 0-9A-Za-z}, most significant digit first. */
public final class Base62 {

    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {
    }

    /** Encodes a non-negative value, left-padded with {@code 0} to {@code width} digits. */
    public static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (rest % 62));
            rest /= 62;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    /**
     * The value of the base62 digits {@code text[from, to)}, most significant first; every character must be
     * a base62 digit ({@link #isBase62}) and at most 10 of them, so the value fits in a long.
     */
    public static long decode(CharSequence text, int from, int to) {
        if (to - from > 10 || from > to) {
            throw new IllegalArgumentException("at most 10 base62 digits");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isBase62(c)) {
                throw new IllegalArgumentException("not a base62 digit");
            }
            value = value * 62 + (c <= '9' ? c - '0' : c <= 'Z' ? c - 'A' + 10 : c - 'a' + 36);
        }
        return value;
    }

    /** {@code length} characters drawn uniformly from the alphabet (nextInt avoids modulo bias). */
    public static String random(Random random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(62));
        }
        return new String(out);
    }

    public static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
