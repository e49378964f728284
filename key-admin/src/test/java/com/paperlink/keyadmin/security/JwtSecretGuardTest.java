package com.paperlink.keyadmin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** key-admin refuses to start with a guessable JWT secret, except in the dev environment. */
class JwtSecretGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "too-short-secret", "0123456789012345678901234567890"})
    void refusesToStartWithAMissingOrShortSecret(String secret) {
        assertThatThrownBy(() -> ApplicationContext.run(properties(secret)).close())
                .rootCause()
                .hasMessageContaining("KEY_ADMIN_JWT_SECRET")
                .hasMessageNotContaining(secret.isBlank() ? "\u0000" : secret);
    }

    @Test
    void startsWithA32ByteSecret() {
        try (ApplicationContext context = ApplicationContext.run(properties("01234567890123456789012345678901"))) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void devEnvironmentStartsWithoutASecret() {
        try (ApplicationContext context = ApplicationContext.builder("dev").properties(properties("")).start()) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static Map<String, Object> properties(String secret) {
        Map<String, Object> props = new HashMap<>();
        props.put("key-admin.jwt-secret", secret);
        props.put("datasources.default.url", "jdbc:h2:mem:guard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        props.put("flyway.datasources.default.enabled", false);
        return props;
    }
}
