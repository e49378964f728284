package com.paperlink.keyadmin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keyadmin.security.TokenClaimsPolicy.Claims;
import com.paperlink.keyadmin.security.TokenClaimsPolicy.Reason;
import com.paperlink.keyadmin.security.TokenClaimsPolicy.Rejection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The claim rules at their exact edges, on a fixed clock (defaults: 60 s skew, 24 h lifetime). */
class TokenClaimsPolicyTest {

    private static final Instant NOW = Instant.parse("2030-05-01T12:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Duration DAY = Duration.ofHours(24);

    private final TokenClaimsPolicy defaults = policy(JwtClaimsSettings.defaults());
    private final TokenClaimsPolicy pinned = policy(new JwtClaimsSettings(SKEW, DAY, "https://app.paperlink.test",
            "key-admin"));

    /** sub, exp in an hour, iat a minute ago; no nbf, iss or aud. */
    private static Claims valid() {
        return new Claims("u1", NOW.plus(Duration.ofHours(1)), null, NOW.minusSeconds(60), null, List.of());
    }

    private static Claims with(UnaryOperator<Claims> change) {
        return change.apply(valid());
    }

    static Stream<Arguments> timeRules() {
        return Stream.of(
                // label, claims, expected reason (null: accepted)
                Arguments.of("exp missing", with(c -> exp(c, null)), Reason.MISSING_EXPIRY),
                Arguments.of("exp 1 s ahead", with(c -> exp(c, NOW.plusSeconds(1))), null),
                Arguments.of("exp 59 s ago (within skew)", with(c -> exp(c, NOW.minus(SKEW).plusSeconds(1))), null),
                Arguments.of("exp 60 s ago (skew spent)", with(c -> exp(c, NOW.minus(SKEW))), Reason.EXPIRED),
                Arguments.of("nbf 60 s ahead (within skew)", with(c -> nbf(c, NOW.plus(SKEW))), null),
                Arguments.of("nbf 61 s ahead", with(c -> nbf(c, NOW.plus(SKEW).plusSeconds(1))), Reason.NOT_YET_VALID),
                Arguments.of("nbf an hour ahead", with(c -> nbf(c, NOW.plus(Duration.ofHours(1)))), Reason.NOT_YET_VALID),
                Arguments.of("nbf in the past", with(c -> nbf(c, NOW.minusSeconds(3600))), null),
                Arguments.of("iat 60 s ahead (within skew)", with(c -> iat(c, NOW.plus(SKEW))), null),
                Arguments.of("iat 61 s ahead", with(c -> iat(c, NOW.plus(SKEW).plusSeconds(1))), Reason.ISSUED_IN_FUTURE),
                Arguments.of("exp − iat exactly 24 h", with(c -> exp(iat(c, NOW.minusSeconds(10)), NOW.minusSeconds(10).plus(DAY))), null),
                Arguments.of("exp − iat 24 h + 1 s", with(c -> exp(iat(c, NOW.minusSeconds(10)), NOW.minusSeconds(9).plus(DAY))),
                        Reason.LIFETIME_TOO_LONG),
                Arguments.of("no iat, exp in 24 h + skew", with(c -> exp(iat(c, null), NOW.plus(DAY).plus(SKEW))), null),
                Arguments.of("no iat, exp in 24 h + skew + 1 s", with(c -> exp(iat(c, null), NOW.plus(DAY).plus(SKEW).plusSeconds(1))),
                        Reason.LIFETIME_TOO_LONG),
                Arguments.of("sub missing", new Claims(null, NOW.plusSeconds(60), null, null, null, List.of()),
                        Reason.MISSING_SUBJECT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeRules")
    void appliesTheTimeRulesWithTheSkew(String label, Claims claims, Reason expected) {
        assertThat(defaults.check(claims).map(Rejection::reason)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> issuerAndAudience() {
        String iss = "https://app.paperlink.test";
        return Stream.of(
                Arguments.of("iss and aud match", iss, List.of("key-admin"), null),
                Arguments.of("aud among others", iss, List.of("billing", "key-admin"), null),
                Arguments.of("iss missing", null, List.of("key-admin"), Reason.MISSING_ISSUER),
                Arguments.of("iss with a trailing slash", iss + "/", List.of("key-admin"), Reason.WRONG_ISSUER),
                Arguments.of("iss of another host ending alike", "https://evil.test/app.paperlink.test", List.of("key-admin"),
                        Reason.WRONG_ISSUER),
                Arguments.of("iss in another case", iss.toUpperCase(), List.of("key-admin"), Reason.WRONG_ISSUER),
                Arguments.of("aud missing", iss, List.of(), Reason.MISSING_AUDIENCE),
                Arguments.of("aud of another service", iss, List.of("billing"), Reason.WRONG_AUDIENCE),
                Arguments.of("aud a prefix of ours", iss, List.of("key-admin-staging"), Reason.WRONG_AUDIENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issuerAndAudience")
    void pinsIssuerAndAudienceWhenConfigured(String label, String iss, List<String> aud, Reason expected) {
        Claims claims = new Claims("u1", NOW.plusSeconds(600), null, NOW, iss, aud);
        assertThat(pinned.check(claims).map(Rejection::reason)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void ignoresIssuerAndAudienceWhenNotConfigured() {
        assertThat(defaults.check(new Claims("u1", NOW.plusSeconds(600), null, NOW, "anyone", List.of("anything"))))
                .isEmpty();
    }

    @Test
    void messagesNameTheClaimAndItsTime() {
        assertThat(defaults.check(with(c -> exp(c, null))).orElseThrow().message()).contains("no exp claim");
        assertThat(defaults.check(with(c -> nbf(c, NOW.plusSeconds(3600)))).orElseThrow().message())
                .contains("nbf claim", "2030-05-01T13:00:00Z");
        assertThat(defaults.check(with(c -> iat(c, NOW.plusSeconds(3600)))).orElseThrow().message())
                .contains("iat claim", "2030-05-01T13:00:00Z");
        assertThat(defaults.check(with(c -> exp(c, NOW.minusSeconds(60).plus(Duration.ofHours(48))))).orElseThrow().message())
                .contains("48 h", "exp − iat", "the 24 h key-admin accepts");
        assertThat(pinned.check(new Claims("u1", NOW.plusSeconds(60), null, NOW, null, List.of("key-admin")))
                .orElseThrow().message()).contains("no iss claim", "\"https://app.paperlink.test\"");
        assertThat(pinned.check(new Claims("u1", NOW.plusSeconds(60), null, NOW, "https://app.paperlink.test",
                List.of("x"))).orElseThrow().message()).contains("aud claim", "\"key-admin\"");
    }

    @Test
    void blankIssuerAndAudienceMeanNotChecked() {
        JwtClaimsSettings settings = new JwtClaimsSettings(SKEW, DAY, " ", "");
        assertThat(settings.issuer()).isNull();
        assertThat(settings.audience()).isNull();
    }

    @Test
    void refusesANegativeOrHugeSkewAndANonPositiveLifetime() {
        assertThatThrownBy(() -> new JwtClaimsSettings(Duration.ofSeconds(-1), DAY, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("key-admin.jwt.clock-skew");
        assertThatThrownBy(() -> new JwtClaimsSettings(Duration.ofMinutes(6), DAY, null, null))
                .hasMessageContaining("key-admin.jwt.clock-skew");
        assertThatThrownBy(() -> new JwtClaimsSettings(SKEW, Duration.ZERO, null, null))
                .hasMessageContaining("key-admin.jwt.max-lifetime");
    }

    @Test
    void aBadSettingStopsStartUpNamingTheKey() {
        Map<String, Object> props = new HashMap<>();
        props.put("key-admin.jwt-secret", "01234567890123456789012345678901");
        props.put("key-admin.jwt.clock-skew", "-5s");
        props.put("datasources.default.url", "jdbc:h2:mem:claims;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        props.put("flyway.datasources.default.enabled", false);
        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .rootCause().hasMessageContaining("key-admin.jwt.clock-skew");
    }

    @Test
    void spansAreWrittenInWholeUnits() {
        assertThat(TokenClaimsPolicy.span(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(TokenClaimsPolicy.span(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(TokenClaimsPolicy.span(Duration.ofSeconds(86_401))).isEqualTo("86401 s");
    }

    private static TokenClaimsPolicy policy(JwtClaimsSettings settings) {
        return new TokenClaimsPolicy(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Claims exp(Claims c, Instant exp) {
        return new Claims(c.subject(), exp, c.notBefore(), c.issuedAt(), c.issuer(), c.audience());
    }

    private static Claims nbf(Claims c, Instant nbf) {
        return new Claims(c.subject(), c.expiresAt(), nbf, c.issuedAt(), c.issuer(), c.audience());
    }

    private static Claims iat(Claims c, Instant iat) {
        return new Claims(c.subject(), c.expiresAt(), c.notBefore(), iat, c.issuer(), c.audience());
    }
}
