package com.paperlink.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 hashing of tokens. Tokens carry 178 bits of CSPRNG entropy, so a fast unsalted hash is enough. */
public final class TokenHash {

    /** One digest per thread: {@code MessageDigest.getInstance} looks up the provider on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenHash::newDigest);
    private static final HexFormat HEX = HexFormat.of();

    private TokenHash() {
    }

    public static String sha256Hex(String token) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
