package com.paperlink.gateway.auth;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link KeyLookup} on the keys table; a row the gateway cannot understand is treated as no key. */
public final class JdbcKeyLookup implements KeyLookup {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcKeyLookup.class);

    private final KeyRepository repository;

    public JdbcKeyLookup(KeyRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<KeyRecord> findByTokenHash(String tokenHash) {
        return repository.findByTokenHash(tokenHash).flatMap(JdbcKeyLookup::toRecord);
    }

    static Optional<KeyRecord> toRecord(KeyRow row) {
        Optional<KeyMode> mode = KeyMode.fromWire(row.mode());
        Optional<KeyScope> scope = KeyScope.fromWire(row.scope());
        if (mode.isEmpty() || scope.isEmpty()) {
            LOG.error("Key {} has mode '{}' / scope '{}' the gateway does not know; rejecting it",
                    row.id(), row.mode(), row.scope());
            return Optional.empty();
        }
        IpAllowlist allowlist;
        try {
            allowlist = IpAllowlist.parseColumn(row.allowedIps());
        } catch (IllegalArgumentException e) {
            // Fail closed: a key whose allowlist we cannot read must not become usable from anywhere.
            LOG.error("Key {} has an unreadable allowedIps value; rejecting it: {}", row.id(), e.getMessage());
            return Optional.empty();
        }
        String bucket = row.rateLimitBucket() == null || row.rateLimitBucket().isBlank() ? row.id() : row.rateLimitBucket();
        return Optional.of(new KeyRecord(row.id(), row.teamId(), mode.get(), scope.get(), allowlist,
                row.expiresAt(), row.revokedAt(), row.disabledAt(), bucket, rateLimit(row), row.prefix(),
                RouteScope.fromColumn(row.routes())));
    }

    /** The key's own limit; a half-set or out-of-range pair (the table forbids both) falls back to the default. */
    static KeyRateLimit rateLimit(KeyRow row) {
        Integer requests = row.rateLimitRequests();
        Integer window = row.rateLimitWindowSeconds();
        if (requests == null && window == null) {
            return null;
        }
        if (requests == null || window == null || requests < 1 || requests > KeyRateLimit.MAX_REQUESTS
                || window < 1 || window > KeyRateLimit.MAX_WINDOW_SECONDS) {
            LOG.error("Key {} has an unusable rate limit ({} per {} s); applying the default", row.id(), requests, window);
            return null;
        }
        return new KeyRateLimit(requests, window);
    }
}
