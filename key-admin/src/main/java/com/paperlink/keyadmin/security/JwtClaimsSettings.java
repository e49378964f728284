package com.paperlink.keyadmin.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code key-admin.jwt.*}: what a correctly signed admin JWT must also satisfy (see {@link TokenClaimsPolicy}).
 *
 * @param clockSkew   leeway for the time claims ({@code exp}, {@code nbf}, {@code iat}) between the
 *                    issuer's clock and ours; 0 to 5 minutes
 * @param maxLifetime the longest {@code exp − iat} accepted (without {@code iat}: {@code exp − now})
 * @param issuer      when set ({@code KEY_ADMIN_JWT_ISSUER}), {@code iss} must equal it
 * @param audience    when set ({@code KEY_ADMIN_JWT_AUDIENCE}), {@code aud} must contain it
 */
@ConfigurationProperties("key-admin.jwt")
public record JwtClaimsSettings(
        @Bindable(defaultValue = "60s") Duration clockSkew,
        @Bindable(defaultValue = "24h") Duration maxLifetime,
        @Nullable String issuer,
        @Nullable String audience) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public JwtClaimsSettings {
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new ConfigurationException("key-admin.jwt.clock-skew must be between 0s and 5m, not " + clockSkew);
        }
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new ConfigurationException("key-admin.jwt.max-lifetime must be positive, not " + maxLifetime);
        }
        // The environment variables map to "" when unset (application.yml): blank means "not checked".
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
    }

    /** The defaults: 60 s skew, 24 h lifetime, no issuer or audience check. */
    public static JwtClaimsSettings defaults() {
        return new JwtClaimsSettings(Duration.ofSeconds(60), Duration.ofHours(24), null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
