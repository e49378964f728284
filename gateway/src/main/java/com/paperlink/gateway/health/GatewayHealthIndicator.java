package com.paperlink.gateway.health;

import com.paperlink.gateway.auth.KeyCache;
import com.paperlink.gateway.ratelimit.FallbackRateLimiter;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /health} → {@code gateway}: the state of the parts the pipeline leans on, without internal
 * addresses (the built-in JDBC and disk indicators are off: they would publish the JDBC URL).
 *
 * <p>The gateway stays UP while PostgreSQL or Redis is down, because it keeps serving (cached keys,
 * per-node limits); a load balancer that pulled every node on a database blip would turn a partial
 * outage into a total one. The details say what is degraded.
 */
@Singleton
public class GatewayHealthIndicator implements HealthIndicator {

    private final DataSource dataSource;
    private final FallbackRateLimiter rateLimiter;
    private final KeyCache keys;

    public GatewayHealthIndicator(DataSource dataSource, FallbackRateLimiter rateLimiter, KeyCache keys) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.rateLimiter = rateLimiter;
        this.keys = keys;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic());
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", databaseUp() ? "UP" : "DOWN (cached keys keep working)");
        details.put("rateLimiter", switch (rateLimiter.backend()) {
            case "redis" -> "redis";
            case "local" -> "local (no Redis configured)";
            default -> "local-fallback (Redis unreachable)";
        });
        details.put("cachedKeys", keys.size());
        return HealthResult.builder("gateway", HealthStatus.UP).details(details).build();
    }

    private boolean databaseUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }
}
