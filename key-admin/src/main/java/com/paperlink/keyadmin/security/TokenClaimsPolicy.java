package com.paperlink.keyadmin.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The claims an admin JWT must carry once its signature is verified, checked the way careful
 * verifiers do (RFC 7519 §4.1; Nimbus' {@code DefaultJWTClaimsVerifier} and Spring Security's
 * {@code JwtTimestampValidator} apply the same leeway): {@code sub} and {@code exp} are required;
 * {@code exp}, {@code nbf} and {@code iat} are compared with our clock allowing {@code clockSkew} either way;
 * {@code exp − iat} may not exceed {@code maxLifetime} (a token without {@code iat} may not stay valid
 * longer than that from now); {@code iss} and {@code aud} are checked when configured.
 *
 * <p>Plain Java with an injected {@link Clock}; {@link TokenClaimsValidator} plugs it into micronaut-security.
 * Rejection messages are public: they name the claim and never echo anything but its time.
 */
public final class TokenClaimsPolicy {

    /** The closed set of reasons a correctly signed token is refused. */
    public enum Reason {
        MISSING_SUBJECT, MISSING_EXPIRY, EXPIRED, NOT_YET_VALID, ISSUED_IN_FUTURE, LIFETIME_TOO_LONG,
        MISSING_ISSUER, WRONG_ISSUER, MISSING_AUDIENCE, WRONG_AUDIENCE
    }

    /** Why a token is refused, with the message the 401 carries. */
    public record Rejection(Reason reason, String message) {
    }

    /** The claims this policy reads, as plain values; {@code audience} is empty when absent. */
    public record Claims(@Nullable String subject, @Nullable Instant expiresAt, @Nullable Instant notBefore,
                         @Nullable Instant issuedAt, @Nullable String issuer, List<String> audience) {
    }

    private final JwtClaimsSettings settings;
    private final Clock clock;

    public TokenClaimsPolicy(JwtClaimsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when the claims are acceptable, otherwise the first rule they break. */
    public Optional<Rejection> check(Claims claims) {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (claims.subject() == null || claims.subject().isBlank()) {
            return reject(Reason.MISSING_SUBJECT, "The token has no sub claim (user id).");
        }
        Instant exp = claims.expiresAt();
        if (exp == null) {
            return reject(Reason.MISSING_EXPIRY,
                    "The token has no exp claim (expiry time); key-admin accepts only tokens that expire.");
        }
        if (!now.isBefore(exp.plus(skew))) {
            return reject(Reason.EXPIRED, "The token expired at " + time(exp) + " (exp claim).");
        }
        Instant nbf = claims.notBefore();
        if (nbf != null && now.plus(skew).isBefore(nbf)) {
            return reject(Reason.NOT_YET_VALID, "The token is not valid before " + time(nbf)
                    + " (nbf claim); check that the issuer's clock and key-admin's agree.");
        }
        Instant iat = claims.issuedAt();
        if (iat != null && now.plus(skew).isBefore(iat)) {
            return reject(Reason.ISSUED_IN_FUTURE, "The token's issue time " + time(iat)
                    + " (iat claim) lies in the future; check that the issuer's clock and key-admin's agree.");
        }
        Duration max = settings.maxLifetime();
        if (iat != null && Duration.between(iat, exp).compareTo(max) > 0) {
            return reject(Reason.LIFETIME_TOO_LONG, "The token is valid for " + span(Duration.between(iat, exp))
                    + " (exp − iat), longer than the " + span(max) + " key-admin accepts.");
        }
        // Without iat the issue time is unknown: bound what is left instead (our clock, so with the leeway).
        if (iat == null && Duration.between(now, exp).compareTo(max.plus(skew)) > 0) {
            return reject(Reason.LIFETIME_TOO_LONG, "The token (without an iat claim) stays valid for another "
                    + span(Duration.between(now, exp).truncatedTo(ChronoUnit.SECONDS)) + ", longer than the "
                    + span(max) + " key-admin accepts.");
        }
        String issuer = settings.issuer();
        if (issuer != null && claims.issuer() == null) {
            return reject(Reason.MISSING_ISSUER, "The token has no iss claim (issuer); expected \"" + issuer + "\".");
        }
        if (issuer != null && !issuer.equals(claims.issuer())) {
            return reject(Reason.WRONG_ISSUER, "The token's iss claim (issuer) is not \"" + issuer + "\".");
        }
        String audience = settings.audience();
        if (audience != null && claims.audience().isEmpty()) {
            return reject(Reason.MISSING_AUDIENCE,
                    "The token has no aud claim (audience); expected it to contain \"" + audience + "\".");
        }
        if (audience != null && !claims.audience().contains(audience)) {
            return reject(Reason.WRONG_AUDIENCE, "The token's aud claim (audience) does not contain \"" + audience + "\".");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(Reason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** "24 h", "90 min", "86401 s": whole units only, so the figure is exact. */
    static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
