package com.paperlink.gateway.cors;

import com.paperlink.gateway.authz.ScopePolicy;
import com.paperlink.keys.web.CorsPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * Which browser origins may call {@code /api/v1} ({@code gateway.cors.allowed-origins}, env
 * {@code GATEWAY_CORS_ALLOWED_ORIGINS=https://a.example,https://b.example}); none by default. A value that is
 * not an origin stops start-up naming the setting.
 */
@Factory
class CorsFactory {

    static final String SETTING = "gateway.cors.allowed-origins";

    @Singleton
    CorsPolicy corsPolicy(@Property(name = SETTING) @Nullable List<String> origins) {
        return CorsPolicy.of(SETTING, origins, Arrays.stream(ScopePolicy.ALLOW.split(", ")).toList());
    }
}
