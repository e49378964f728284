package com.paperlink.keyadmin.leaks;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Signature: sha256=<hex>}: the HMAC-SHA256 of the raw request body with the shared secret. Compared in
 * constant time ({@link MessageDigest#isEqual}), so the answer's timing tells nothing about how much matched.
 */
final class LeakSignature {

    static final String HEADER = "X-Signature";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    LeakSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether the header is {@code sha256=} and the body's HMAC in hex (either case). */
    boolean verifies(byte[] body, @Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), claimed);
    }

    /** The header value for {@code body} (what a reporter sends). */
    String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
