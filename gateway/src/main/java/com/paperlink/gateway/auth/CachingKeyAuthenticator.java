package com.paperlink.gateway.auth;

import com.paperlink.keys.ApiKeyToken;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer header → token shape and CRC32 checksum (no storage touched for garbage) → SHA-256 →
 * {@link KeyCache} → the key's own state (revoked, expired) at this instant.
 */
public final class CachingKeyAuthenticator implements KeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(CachingKeyAuthenticator.class);
    private static final String BEARER = "Bearer ";

    private final KeyCache cache;
    private final Clock clock;

    public CachingKeyAuthenticator(KeyCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Credential read(@Nullable String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        if (token == null) {
            return new Credential(AuthOutcome.MISSING, null, null, null);
        }
        Optional<ApiKeyToken> parsed = ApiKeyToken.parse(token);
        if (parsed.isEmpty()) {
            return new Credential(AuthOutcome.MALFORMED, null, null, null);
        }
        ApiKeyToken apiKey = parsed.get();
        return new Credential(null, apiKey.hash(), apiKey.mode(), apiKey.displayPrefix());
    }

    @Override
    public boolean needsLookup(Credential credential) {
        // A request that joins a lookup already running for its hash costs no query of its own: the first
        // requests of a new key, arriving together, must not use up the address's failed-authentication budget
        // (one that ends unknown still spends a unit when it is rejected).
        return credential.malformed() == null && !cache.holds(credential.tokenHash())
                && !cache.lookingUp(credential.tokenHash());
    }

    @Override
    public CompletionStage<AuthResult> authenticate(Credential credential) {
        if (credential.malformed() != null) {
            return CompletableFuture.completedFuture(AuthResult.rejected(credential.malformed()));
        }
        return cache.get(credential.tokenHash()).handle((key, failure) -> {
            if (failure != null) {
                // Never the token: the display prefix is enough to correlate.
                LOG.warn("Key store unavailable for key {}…: {}", credential.displayPrefix(), rootMessage(failure));
                return AuthResult.rejected(AuthOutcome.UNAVAILABLE);
            }
            if (key.isEmpty()) {
                return AuthResult.rejected(AuthOutcome.UNKNOWN);
            }
            KeyRecord record = key.get();
            // A token for the wrong mode cannot hash to a stored key of the other mode, but be explicit.
            if (record.mode() != credential.mode()) {
                return AuthResult.rejected(AuthOutcome.UNKNOWN);
            }
            return record.verify(clock.instant());
        });
    }

    /** The credentials after {@code Bearer } (scheme case-insensitive), or null when there are none. */
    static String bearerToken(@Nullable String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
