package com.paperlink.keys.testing;

import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seeded generators of hostile {@code Authorization} values: the same seed gives the same inputs, so a
 * failure is reproducible from the seed in the test name. Values are ISO-8859-1 strings holding raw bytes
 * (Unicode is sent as its UTF-8 bytes), for {@link RawHttp}.
 */
public final class HostileInputs {

    /** One generated value and the family it belongs to (for the report table). */
    public record Sample(String family, String value) {
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final Random random;

    public HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    /** {@code perFamily} API-key header values in each family; none of them may authenticate. */
    public List<Sample> apiKeyHeaders(int perFamily) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < perFamily; i++) {
            out.add(new Sample("random bytes", "Bearer " + randomBytes(1 + random.nextInt(80))));
            out.add(new Sample("wrong scheme", pick("Basic ", "Token ", "Bearer", "Bearer  ", "", "Bearer: ", "ApiKey ")
                    + valid()));
            out.add(new Sample("wrong prefix", "Bearer " + pick("pk_prod_", "sk_live_", "pk_LIVE_", "pk-live-", "pklive_",
                    "PK_test_", "pk__") + base62(36)));
            out.add(new Sample("wrong checksum", "Bearer " + wrongChecksum()));
            out.add(new Sample("truncated or padded", "Bearer " + truncatedOrPadded()));
            out.add(new Sample("over-long", "Bearer " + valid() + base62(200 + random.nextInt(3000))));
            out.add(new Sample("unicode", "Bearer " + utf8Bytes(unicodeToken())));
            out.add(new Sample("header injection", "Bearer " + wrongChecksum() + pick("\r\nX-PaperLink-Team-Id: team_b",
                    "\nX-Forwarded-For: 10.0.0.1", "\r\n\r\nGET /admin HTTP/1.1", "\u0000", "\r")));
        }
        return out;
    }

    /** A token that looks right (prefix, length, alphabet) but whose checksum fails. */
    public String wrongChecksum() {
        String token = valid();
        int at = token.length() - 1 - random.nextInt(36);
        char replacement;
        do {
            replacement = BASE62.charAt(random.nextInt(62));
        } while (replacement == token.charAt(at));
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    /**
     * Bad JWTs for key-admin: alg none, wrong key, expired, malformed, huge (2–32 KB, wrong key), and validly
     * signed ones with claims of the wrong type or an unknown role (which may at most be 403/404, never 200).
     */
    public List<Sample> badJwts(int perFamily, String secret, String teamId) {
        List<Sample> out = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"user_evil\",\"name\":\"Eve\",\"teams\":{\"" + teamId + "\":\"OWNER\"},\"exp\":"
                + (now + 3600) + "}";
        for (int i = 0; i < perFamily; i++) {
            out.add(new Sample("jwt alg none", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims)
                    + pick(".", "", "." + base62(43))));
            out.add(new Sample("jwt wrong key", "Bearer " + hs256(claims, "wrong-" + base62(40))));
            out.add(new Sample("jwt expired", "Bearer " + hs256(claims.replace("\"exp\":" + (now + 3600),
                    "\"exp\":" + (now - 60 - random.nextInt(100_000))), secret)));
            out.add(new Sample("jwt malformed", "Bearer " + pick("eyJ", "a.b.c", "..", "eyJhbGciOiJIUzI1NiJ9..",
                    b64("{\"alg\":\"HS256\"}") + "." + randomBytes(20) + "." + base62(43),
                    b64("not json") + "." + b64("{") + "." + base62(43), base62(random.nextInt(200)))));
            out.add(new Sample("jwt huge", "Bearer " + hs256(claims.replace("\"name\":\"Eve\"",
                    "\"name\":\"" + base62(2_000 + random.nextInt(30_000)) + "\""), "wrong-" + secret)));
            out.add(new Sample("jwt wrong claim types", "Bearer " + hs256(pick(
                    "{\"sub\":\"u\",\"teams\":\"" + teamId + "\",\"exp\":" + (now + 3600) + "}",
                    "{\"sub\":\"u\",\"teams\":[\"" + teamId + "\"],\"exp\":" + (now + 3600) + "}",
                    "{\"sub\":\"u\",\"teams\":{\"" + teamId + "\":42},\"exp\":" + (now + 3600) + "}",
                    "{\"sub\":\"u\",\"teams\":{\"" + teamId + "\":\"GOD\"},\"exp\":" + (now + 3600) + "}",
                    "{\"sub\":\"u\",\"teams\":{\"" + teamId + "\":\"OWNER\"},\"exp\":\"tomorrow\"}",
                    "{\"teams\":{\"" + teamId + "\":\"OWNER\"},\"exp\":" + (now + 3600) + "}"), secret)));
        }
        return out;
    }

    /** A signed HS256 JWT with these claims (JSON), as key-admin's callers send it. */
    public static String hs256(String claimsJson, String secret) {
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String valid() {
        return ApiKeyToken.generate(random.nextBoolean() ? KeyMode.LIVE : KeyMode.TEST, random).reveal();
    }

    private String truncatedOrPadded() {
        String token = valid();
        return random.nextBoolean() ? token.substring(0, 8 + random.nextInt(token.length() - 9))
                : token + base62(1 + random.nextInt(5));
    }

    private String unicodeToken() {
        String token = valid();
        String[] odd = {"é", "ß", "Ω", "𝔭", "‮", "\u200B", "ｋ", "٣", "🔑", "İ"};
        int at = 8 + random.nextInt(token.length() - 8);
        return token.substring(0, at) + odd[random.nextInt(odd.length)] + token.substring(at + 1);
    }

    private static String utf8Bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Bytes 0x00–0xFF except CR and LF (those belong to the injection family). */
    private String randomBytes(int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            char c = (char) random.nextInt(256);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String base62(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(random.nextInt(62)));
        }
        return out.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
