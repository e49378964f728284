package com.paperlink.keyadmin.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.paperlink.keyadmin.error.AuthFailures;
import com.paperlink.keyadmin.error.RequestIds;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TokenClaimsPolicy} to every JWT whose signature micronaut-security has verified, and
 * leaves the reason of a refusal on the request for the 401's message ({@link AuthFailures}).
 *
 * <p>It replaces the framework's own exp/sub validators (switched off in application.yml): those accept
 * a token without {@code exp} and allow no clock skew. {@code @Context}, so a bad {@code key-admin.jwt.*}
 * setting stops start-up instead of the first request.
 *
 * @param <T> the request type (an {@link HttpRequest} when called by the security filter)
 */
@Context
final class TokenClaimsValidator<T> implements GenericJwtClaimsValidator<T>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(TokenClaimsValidator.class);
    private final TokenClaimsPolicy policy;

    TokenClaimsValidator(JwtClaimsSettings settings, Clock clock) {
        this.policy = new TokenClaimsPolicy(settings, clock);
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        Optional<TokenClaimsPolicy.Rejection> rejection = policy.check(plain(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims)));
        if (rejection.isEmpty()) {
            return true;
        }
        String message = rejection.get().message();
        if (request instanceof HttpRequest<?> http) {
            AuthFailures.record(http, message);
            // The reason only: never the token, nor claim values the caller chose.
            LOG.info("Refused a correctly signed JWT (requestId {}): {}", RequestIds.of(http), rejection.get().reason());
        }
        return false;
    }

    private static TokenClaimsPolicy.Claims plain(JWTClaimsSet claims) {
        return new TokenClaimsPolicy.Claims(claims.getSubject(), instant(claims.getExpirationTime()),
                instant(claims.getNotBeforeTime()), instant(claims.getIssueTime()), claims.getIssuer(),
                claims.getAudience());
    }

    private static Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Before any other claims validator, so the reason recorded is ours. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
