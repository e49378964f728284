package com.paperlink.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the main app's admin JWTs (HS256) the way key-admin expects them: {@code sub}, {@code name},
 * {@code teams} (team id → role), {@code exp}. Plain JDK crypto so the test shares no code with the
 * service's verifier.
 */
final class TestJwt {

    /** At least 256 bits, as HS256 requires. */
    static final String SECRET = "browser-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private TestJwt() {
    }

    static String sign(String userId, String name, Map<String, String> teams) {
        return sign(userId, name, teams, SECRET);
    }

    static String sign(String userId, String name, Map<String, String> teams, String secret) {
        long now = Instant.now().getEpochSecond();
        return signTimes(userId, name, teams, "\"iat\":" + now + ",\"exp\":" + (now + 3600), secret);
    }

    /**
     * A correctly signed token whose time claims are exactly {@code timeClaims} (JSON members, e.g.
     * {@code "iat":1700000000}; empty for none), to break one of key-admin's claim rules.
     */
    static String signTimes(String userId, String name, Map<String, String> teams, String timeClaims) {
        return signTimes(userId, name, teams, timeClaims, SECRET);
    }

    private static String signTimes(String userId, String name, Map<String, String> teams, String timeClaims,
                                    String secret) {
        String teamsJson = teams.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        String payload = "{\"sub\":" + quote(userId) + ",\"name\":" + quote(name) + ",\"teams\":" + teamsJson
                + (timeClaims.isEmpty() ? "" : "," + timeClaims) + "}";
        String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(payload);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(signingInput, secret));
    }

    private static byte[] hmac(String input, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Test values are plain ids and names; escape quotes and backslashes all the same. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
