package com.paperlink.keyadmin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Mints the PaperLink app's JWTs (HS256, claims sub/name/teams/exp) the way the real app would. */
public final class TestJwt {

    public static final String SECRET = "test-secret-for-key-admin-0123456789-abcdef";

    private TestJwt() {
    }

    /** A valid token for a user with the given team roles. */
    public static String user(String sub, Map<String, String> teams) {
        return sign(claims(sub, teams, Instant.now().plus(Duration.ofHours(1))), SECRET);
    }

    public static String owner(String sub, String team) {
        return user(sub, Map.of(team, "OWNER"));
    }

    public static String expired(String sub, Map<String, String> teams) {
        return sign(claims(sub, teams, Instant.now().minus(Duration.ofHours(1))), SECRET);
    }

    public static String signedWith(String secret, String sub, Map<String, String> teams) {
        return sign(claims(sub, teams, Instant.now().plus(Duration.ofHours(1))), secret);
    }

    /** {@code alg: none}: claims anyone could write. */
    public static String unsigned(String sub, Map<String, String> teams) {
        return new PlainJWT(claims(sub, teams, Instant.now().plus(Duration.ofHours(1)))).serialize();
    }

    /**
     * A valid token's claims (iat a minute ago, exp in an hour) to change one at a time:
     * {@code TestJwt.sign(TestJwt.claims("u", teams).expirationTime(null))}.
     */
    public static JWTClaimsSet.Builder claims(String sub, Map<String, String> teams) {
        return new JWTClaimsSet.Builder(claims(sub, teams, Instant.now().plus(Duration.ofHours(1))));
    }

    /** Signs these claims with the test secret. */
    public static String sign(JWTClaimsSet.Builder claims) {
        return sign(claims.build(), SECRET);
    }

    private static JWTClaimsSet claims(String sub, Map<String, String> teams, Instant exp) {
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .claim("name", "User " + sub)
                .claim("teams", teams)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(exp))
                .build();
    }

    private static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
