package com.paperlink.gateway.routing;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One {@code gateway.routes.<name>} entry: requests for {@code /api/v1{path}} and {@code /api/v1{path}/...}
 * go to {@code {live-url}{path}...} for live keys and {@code {test-url}{path}...} for test keys.
 * Kept as text so {@link Route#from} can name the wrong key instead of a conversion error.
 */
@EachProperty("gateway.routes")
public record RouteConfiguration(
        @Parameter String name,
        @Nullable String path,
        @Nullable String liveUrl,
        @Nullable String testUrl) {
}
