package com.paperlink.keyadmin.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start with a JWT secret that anyone could guess: HS256 needs at least 32 bytes
 * (RFC 7518 §3.2). Only the {@code dev} environment may run without one (application-dev.yml
 * supplies a public development secret).
 */
@Context
final class JwtSecretGuard {

    static final int MIN_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretGuard.class);

    JwtSecretGuard(Environment environment, @Value("${key-admin.jwt-secret:}") String secret) {
        String problem = problem(secret);
        if (problem == null) {
            return;
        }
        if (environment.getActiveNames().contains("dev")) {
            LOG.warn("KEY_ADMIN_JWT_SECRET {}; allowed only because the 'dev' environment is active", problem);
            return;
        }
        throw new ConfigurationException("KEY_ADMIN_JWT_SECRET " + problem + ": set it to the HS256 secret shared with "
                + "the PaperLink app (at least " + MIN_BYTES + " bytes), or run with MICRONAUT_ENVIRONMENTS=dev for a "
                + "local trial");
    }

    /** Why the secret is unusable, or null when it is fine. Never includes the secret. */
    static String problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return "is not set";
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes < MIN_BYTES ? "is too short (" + bytes + " bytes, at least " + MIN_BYTES + " needed)" : null;
    }
}
