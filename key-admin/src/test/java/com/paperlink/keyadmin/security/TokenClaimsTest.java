package com.paperlink.keyadmin.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.testing.HostileInputs;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Correctly signed JWTs just inside and just outside each claim rule, over real HTTP, with an issuer
 * and an audience configured (60 s skew, 24 h lifetime: the defaults). Every refusal is a 401 in the
 * error shape whose message names the claim. The clock is real: "just" means 20 s either side of the
 * skew edge, far more than a request takes.
 */
@MicronautTest(transactional = false)
class TokenClaimsTest extends KeyAdminTest {

    static final String ISSUER = "https://app.paperlink.test";
    static final String AUDIENCE = "paperlink-key-admin";
    private static final String TEAM = "team-claims";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("key-admin.jwt.issuer", ISSUER, "key-admin.jwt.audience", AUDIENCE);
    }

    /** An OWNER token of TEAM that passes every rule, changed by {@code change}. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return TestJwt.sign(change.apply(TestJwt.claims("u-claims", Map.of(TEAM, "OWNER"))
                .issuer(ISSUER).audience(AUDIENCE)));
    }

    /** Written by hand: Nimbus would serialise a one-element audience list as a plain string. */
    private static String withAudienceJson(String audJson) {
        long now = Instant.now().getEpochSecond();
        return HostileInputs.hs256("{\"sub\":\"u-claims\",\"name\":\"Raw\",\"teams\":{\"" + TEAM + "\":\"OWNER\"},"
                + "\"iss\":\"" + ISSUER + "\",\"aud\":" + audJson + ",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}",
                TestJwt.SECRET);
    }

    private static Date in(Duration offset) {
        return Date.from(Instant.now().plus(offset));
    }

    private static Date secondsFromNow(long seconds) {
        return in(Duration.ofSeconds(seconds));
    }

    static Stream<Arguments> accepted() {
        Instant issued = Instant.now().minusSeconds(30);
        return Stream.of(
                Arguments.of("every claim right", token(c -> c)),
                Arguments.of("nbf 40 s ahead, within the skew", token(c -> c.notBeforeTime(secondsFromNow(40)))),
                Arguments.of("nbf in the past", token(c -> c.notBeforeTime(secondsFromNow(-600)))),
                Arguments.of("iat 40 s ahead, within the skew", token(c -> c.issueTime(secondsFromNow(40)))),
                Arguments.of("exp 40 s ago, within the skew", token(c -> c.expirationTime(secondsFromNow(-40)))),
                Arguments.of("exp − iat exactly 24 h", token(c -> c.issueTime(Date.from(issued))
                        .expirationTime(Date.from(issued.plus(Duration.ofHours(24)))))),
                Arguments.of("no iat, exp in 24 h", token(c -> c.issueTime(null).expirationTime(in(Duration.ofHours(24))))),
                Arguments.of("aud as an array containing ours", token(c -> c.audience(List.of("billing", AUDIENCE)))),
                Arguments.of("aud as a JSON string", withAudienceJson("\"" + AUDIENCE + "\"")),
                Arguments.of("aud as a one-element JSON array", withAudienceJson("[\"" + AUDIENCE + "\"]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsTokensJustInsideEachRule(String label, String jwt) {
        Reply reply = api.get(Api.keys(TEAM), jwt);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    static Stream<Arguments> refused() {
        Instant issued = Instant.now().minusSeconds(30);
        return Stream.of(
                // label, token, what the message must say
                Arguments.of("exp missing", token(c -> c.expirationTime(null)), "no exp claim"),
                Arguments.of("exp 80 s ago, beyond the skew", token(c -> c.expirationTime(secondsFromNow(-80))), "exp claim"),
                Arguments.of("nbf 80 s ahead, beyond the skew", token(c -> c.notBeforeTime(secondsFromNow(80))), "nbf claim"),
                Arguments.of("nbf an hour ahead", token(c -> c.notBeforeTime(in(Duration.ofHours(1)))), "nbf claim"),
                Arguments.of("iat 80 s ahead, beyond the skew", token(c -> c.issueTime(secondsFromNow(80))), "iat claim"),
                Arguments.of("exp − iat 24 h + 1 s", token(c -> c.issueTime(Date.from(issued))
                        .expirationTime(Date.from(issued.plus(Duration.ofHours(24)).plusSeconds(1)))), "exp − iat"),
                Arguments.of("no iat, exp in 24 h + 2 min", token(c -> c.issueTime(null)
                        .expirationTime(in(Duration.ofHours(24).plusMinutes(2)))), "without an iat claim"),
                Arguments.of("a week-long token", token(c -> c.expirationTime(in(Duration.ofDays(7)))), "exp − iat"),
                Arguments.of("sub missing", token(c -> c.subject(null)), "no sub claim"),
                Arguments.of("iss missing", token(c -> c.issuer(null)), "no iss claim"),
                Arguments.of("iss of another issuer", token(c -> c.issuer("https://evil.test")), "iss claim"),
                Arguments.of("iss with a trailing slash", token(c -> c.issuer(ISSUER + "/")), "iss claim"),
                Arguments.of("aud missing", token(c -> c.audience((String) null)), "no aud claim"),
                Arguments.of("aud a string of another service", token(c -> c.audience("billing")), "aud claim"),
                Arguments.of("aud an array without ours", token(c -> c.audience(List.of("billing", AUDIENCE + "-x"))),
                        "aud claim"),
                Arguments.of("aud an empty JSON array", withAudienceJson("[]"), "no aud claim"),
                Arguments.of("aud a one-element JSON array of another", withAudienceJson("[\"billing\"]"), "aud claim"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesTokensJustOutsideEachRuleWithA401NamingTheClaim(String label, String jwt, String says) {
        Reply reply = api.get(Api.keys(TEAM), jwt);

        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
        assertThat(reply.error()).containsKeys("message", "requestId");
        assertThat((String) reply.error().get("message")).contains(says).doesNotContain(jwt);
    }

    @Test
    void refusedTokenIsRefusedOnWritesToo() {
        String noExp = token(c -> c.expirationTime(null));
        Reply reply = api.create(TEAM, noExp, "never created");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(api.get(Api.keys(TEAM), token(c -> c)).list()).isEmpty();
    }

    @Test
    void wronglySignedTokenGetsOneMessageThatNamesNoClaim() {
        String forged = TestJwt.signedWith("another-secret-that-is-long-enough-0123456789", "u", Map.of(TEAM, "OWNER"));
        Reply reply = api.get(Api.keys(TEAM), forged);
        assertThat(reply.status()).isEqualTo(401);
        assertThat((String) reply.error().get("message")).contains("not a JWT signed with key-admin's secret");
    }

    @Test
    void missingTokenStillAsksForOne() {
        Reply reply = api.get(Api.keys(TEAM), null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat((String) reply.error().get("message")).isEqualTo("A valid bearer token (JWT) is required.");
    }

    @Test
    void openApiSecuritySchemeTellsAnIdentityProviderWhatToPutInTheToken() {
        Reply spec = api.get("/swagger/paperlink-key-admin-1.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        Map<String, Object> document = new Yaml().load(spec.body());
        Object description = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) document.get("components"))
                .get("securitySchemes")).get("bearerAuth")).get("description");
        assertThat((String) description).contains("`exp` (required)", "`nbf` and `iat`", "key-admin.jwt.clock-skew",
                "key-admin.jwt.max-lifetime", "KEY_ADMIN_JWT_ISSUER", "KEY_ADMIN_JWT_AUDIENCE", "401 `unauthorized`");
    }

    @Test
    void binMintJwtMintsTokensThatPassWithTheIssuerAndAudienceSet() throws Exception {
        String jwt = mintJwt(Map.of("KEY_ADMIN_JWT_ISSUER", ISSUER, "KEY_ADMIN_JWT_AUDIENCE", AUDIENCE));
        assertThat(api.get(Api.keys(TEAM), jwt).status()).isEqualTo(200);

        Reply withoutThem = api.get(Api.keys(TEAM), mintJwt(Map.of()));
        assertThat(withoutThem.status()).isEqualTo(401);
        assertThat((String) withoutThem.error().get("message")).contains("no iss claim");
    }

    /** Runs the repository's bin/mint-jwt (as bin/up does) for an OWNER of TEAM with the default 24 h. */
    private static String mintJwt(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("../bin/mint-jwt", "--team", TEAM, "--role", "OWNER")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().keySet().removeIf(name -> name.startsWith("KEY_ADMIN_JWT_"));
        builder.environment().put("KEY_ADMIN_JWT_SECRET", TestJwt.SECRET);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).isZero();
        return out;
    }

    @Test
    void anonymousPagesIgnoreARefusedToken() {
        assertThat(api.get("/health", token(c -> c.expirationTime(null))).status()).isEqualTo(200);
    }
}
