package com.paperlink.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The API key token format: {@code pk_(live|test)_} + 30 random base62 characters + a 6-character
 * base62 CRC32 (IEEE) checksum of everything before it. The checksum lets the gateway reject typos,
 * truncation and random guesses without touching storage.
 *
 * <p>An instance only exists for a token whose shape and checksum are valid. {@link #toString()}
 * never reveals the secret.
 */
public final class ApiKeyToken {

    public static final int RANDOM_LENGTH = 30;
    public static final int CHECKSUM_LENGTH = 6;
    /** Length of the display prefix's random part, e.g. {@code pk_live_AbC1}. */
    public static final int DISPLAY_RANDOM_LENGTH = 4;
    /** {@code pk_live_} and {@code pk_test_} are both 8 characters. */
    private static final int PREFIX_LENGTH = 8;
    public static final int TOKEN_LENGTH = PREFIX_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** The pattern secret scanners use to find candidates; verify the checksum to confirm one. */
    public static final String SCAN_PATTERN = "\\bpk_(live|test)_[0-9A-Za-z]{36}\\b";

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final String value;
    private final KeyMode mode;

    private ApiKeyToken(String value, KeyMode mode) {
        this.value = value;
        this.mode = mode;
    }

    /** A new token from a CSPRNG. */
    public static ApiKeyToken generate(KeyMode mode) {
        return generate(mode, SECURE_RANDOM);
    }

    /** A new token from the given source of randomness; tests pass a seeded one. */
    public static ApiKeyToken generate(KeyMode mode, Random random) {
        String body = mode.tokenPrefix() + Base62.random(random, RANDOM_LENGTH);
        return new ApiKeyToken(body + checksum(body), mode);
    }

    /**
     * Parses a candidate token. Empty unless the shape is exact and the checksum matches; runs in
     * constant memory and touches no storage, so it is safe for hostile input of any length.
     */
    public static Optional<ApiKeyToken> parse(CharSequence candidate) {
        if (candidate == null || candidate.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        String text = candidate.toString();
        KeyMode mode;
        if (text.startsWith("pk_live_")) {
            mode = KeyMode.LIVE;
        } else if (text.startsWith("pk_test_")) {
            mode = KeyMode.TEST;
        } else {
            return Optional.empty();
        }
        for (int i = PREFIX_LENGTH; i < TOKEN_LENGTH; i++) {
            if (!Base62.isBase62(text.charAt(i))) {
                return Optional.empty();
            }
        }
        int split = TOKEN_LENGTH - CHECKSUM_LENGTH;
        // Compared as numbers: the digits decoded, rather than the CRC encoded and both sides cut into strings.
        if (crc32(text, split) != Base62.decode(text, split, TOKEN_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyToken(text, mode));
    }

    /** CRC32 (IEEE) of the ASCII bytes, as 6 base62 digits, most significant first, zero-padded. */
    public static String checksum(String body) {
        return Base62.encode(crc32(body, body.length()), CHECKSUM_LENGTH);
    }

    /** CRC32 of the first {@code end} characters (ASCII), in one call rather than one per character. */
    private static long crc32(String text, int end) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII), 0, end);
        return crc.getValue();
    }

    public KeyMode mode() {
        return mode;
    }

    /** The raw secret. Return it to its owner once; never log or store it. */
    public String reveal() {
        return value;
    }

    /** The non-secret display prefix, e.g. {@code pk_live_AbC1}. */
    public String displayPrefix() {
        return value.substring(0, PREFIX_LENGTH + DISPLAY_RANDOM_LENGTH);
    }

    /** SHA-256 of the token as lower-case hex: the only form that is stored. */
    public String hash() {
        return TokenHash.sha256Hex(value);
    }

    @Override
    public String toString() {
        return displayPrefix() + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyToken other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
