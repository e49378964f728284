package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.audit.AuditAction;
import com.paperlink.keyadmin.audit.AuditLog;
import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keyadmin.error.ErrorCode;
import com.paperlink.keyadmin.events.KeyEventPublisher;
import com.paperlink.keyadmin.security.Caller;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyIds;
import com.paperlink.keys.KeyMode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key lifecycle: create (within the team's active-key limit), list, change, revoke. Each change
 * and its audit entry commit together; gateways are told after the commit, so a gateway that
 * reloads on the event sees the new state.
 */
@Singleton
public final class KeyService {

    public static final int MAX_ACTIVE_KEYS = 10;
    /** Revoked keys stay listed this long, then {@code RevokedKeyPurge} deletes them. */
    public static final Duration REVOKED_RETENTION = Duration.ofDays(90);
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final KeyEventPublisher events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    KeyService(ApiKeyRepository keys, AuditLog audit, KeyEventPublisher events,
               TransactionOperations<Connection> transactions, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new key and its token (the only time the token exists outside the caller's hands). */
    public record Created(ApiKeyRow row, ApiKeyToken token) {
    }

    Created create(String teamId, Caller caller, KeyRequests.NewKey request) {
        ApiKeyToken token = ApiKeyToken.generate(request.mode());
        ApiKeyRow row = transactions.executeWrite(status -> {
            // The team's lock row serialises creates across threads and nodes; count only under it.
            keys.ensureLockRow(teamId);
            keys.lockTeam(teamId);
            Instant now = now();
            if (keys.countActive(teamId, now) >= MAX_ACTIVE_KEYS) {
                throw new ApiException(ErrorCode.KEY_LIMIT_REACHED, "The team already has " + MAX_ACTIVE_KEYS
                        + " active keys, the maximum; revoke one before creating another.");
            }
            RateLimit limit = request.rateLimit();
            ApiKeyRow created = keys.save(new ApiKeyRow(KeyIds.newId(), teamId, request.name(), token.displayPrefix(),
                    token.hash(), request.mode().wire(), request.scope().wire(), caller.id(), caller.name(), now,
                    null, null, request.expiresAt(), request.allowedIps(), null, null, null,
                    null, limit == null ? null : limit.requests(), limit == null ? null : limit.windowSeconds(),
                    null, null, null, request.routes()));
            audit.record(teamId, created.id(), created.name(), AuditAction.CREATED, caller, now,
                    "mode " + created.mode() + ", scope " + created.scope()
                            + (limit == null ? "" : ", rateLimit " + limit)
                            + (created.routes() == null ? "" : ", routes " + created.routes()));
            return created;
        });
        LOG.info("Key {} ({}) created for team {} by {}", row.id(), row.prefix(), teamId, caller.id());
        return new Created(row, token);
    }

    List<ApiKeyRow> list(String teamId) {
        return transactions.executeRead(status -> keys.listVisible(teamId, now().minus(REVOKED_RETENTION)));
    }

    ApiKeyRow get(String teamId, String keyId) {
        return transactions.executeRead(status -> find(teamId, keyId));
    }

    ApiKeyRow update(String teamId, String keyId, Caller caller, KeyRequests.KeyChanges changes) {
        boolean[] authChanged = {false};
        List<String> changedHashes = new ArrayList<>();
        ApiKeyRow updated = transactions.executeWrite(status -> {
            ApiKeyRow row = keys.findForUpdate(keyId, teamId).orElseThrow(KeyService::keyNotFound);
            if (row.isRevoked()) {
                throw new ApiException(ErrorCode.KEY_REVOKED);
            }
            Instant now = now();
            String name = changes.name() == null ? row.name() : changes.name();
            Instant expiresAt = changes.expiresAtSet() ? changes.expiresAt() : row.expiresAt();
            String allowedIps = changes.allowedIpsSet() ? changes.allowedIps() : row.allowedIps();
            String routes = changes.routesSet() ? changes.routes() : row.routes();
            keys.updateDetails(row.id(), name, expiresAt, allowedIps, routes);
            if (!name.equals(row.name())) {
                audit.record(teamId, row.id(), name, AuditAction.RENAMED, caller, now,
                        "renamed from \"" + row.name() + "\" to \"" + name + "\"");
            }
            List<String> details = new ArrayList<>();
            if (!Objects.equals(expiresAt, row.expiresAt())) {
                details.add("expiresAt " + describe(row.expiresAt()) + " → " + describe(expiresAt));
            }
            if (!Objects.equals(allowedIps, row.allowedIps())) {
                details.add("allowedIps " + describe(row.allowedIps()) + " → " + describe(allowedIps));
            }
            if (!Objects.equals(routes, row.routes())) {
                details.add("routes " + (row.routes() == null ? "all" : row.routes()) + " → "
                        + (routes == null ? "all" : routes));
            }
            RateLimit oldLimit = RateLimit.fromColumns(row.rateLimitRequests(), row.rateLimitWindowSeconds());
            if (changes.rateLimitSet() && !Objects.equals(changes.rateLimit(), oldLimit)) {
                // The pair of a roll spends one window, so it keeps one limit too.
                RateLimit limit = changes.rateLimit();
                keys.updateRateLimit(teamId, row.bucket(), limit == null ? null : limit.requests(),
                        limit == null ? null : limit.windowSeconds());
                keys.findByBucket(teamId, row.bucket()).forEach(pair -> changedHashes.add(pair.tokenHash()));
                details.add("rateLimit " + (oldLimit == null ? "default" : oldLimit) + " → "
                        + (limit == null ? "default" : limit));
            }
            if (!details.isEmpty()) {
                authChanged[0] = true;
                audit.record(teamId, row.id(), name, AuditAction.UPDATED, caller, now, String.join("; ", details));
            }
            if (changes.enabled() != null && changes.enabled() == row.isDisabled()) {
                authChanged[0] = true;
                keys.updateDisabledAt(row.id(), changes.enabled() ? null : now);
                audit.record(teamId, row.id(), name, changes.enabled() ? AuditAction.ENABLED : AuditAction.DISABLED,
                        caller, now, null);
            }
            return find(teamId, keyId);
        });
        if (authChanged[0]) {
            events.keyChanged(updated.tokenHash());
        }
        changedHashes.stream().filter(hash -> !hash.equals(updated.tokenHash())).forEach(events::keyChanged);
        return updated;
    }

    /**
     * Rolls a key: a new token with the same name, mode, scope, allowlist, expiry and rate limit, spending the same
     * rate-limit bucket (so the pair shares one window at every gateway); the old key works for {@code graceSeconds}
     * more (never longer than it would have). Not subject to the active-key limit: it replaces a key.
     */
    Created roll(String teamId, String keyId, Caller caller, int graceSeconds) {
        ApiKeyRow[] old = new ApiKeyRow[1];
        ApiKeyToken[] token = new ApiKeyToken[1];
        ApiKeyRow created = transactions.executeWrite(status -> {
            ApiKeyRow row = keys.findForUpdate(keyId, teamId).orElseThrow(KeyService::keyNotFound);
            Instant now = now();
            if (row.isRevoked()) {
                throw new ApiException(ErrorCode.KEY_REVOKED);
            }
            if (row.rolledTo() != null) {
                throw new ApiException(ErrorCode.KEY_ALREADY_ROLLED, "The key was already rolled to " + row.rolledTo()
                        + "; roll that key instead.");
            }
            if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
                throw new ApiException(ErrorCode.KEY_EXPIRED);
            }
            if (row.isDisabled()) {
                throw new ApiException(ErrorCode.KEY_DISABLED);
            }
            KeyMode mode = KeyMode.fromWire(row.mode()).orElseThrow();
            token[0] = ApiKeyToken.generate(mode);
            String newId = KeyIds.newId();
            Instant graceEnds = now.plusSeconds(graceSeconds);
            Instant oldExpires = row.expiresAt() != null && row.expiresAt().isBefore(graceEnds) ? row.expiresAt() : graceEnds;
            ApiKeyRow successor = keys.save(new ApiKeyRow(newId, teamId, row.name(), token[0].displayPrefix(),
                    token[0].hash(), row.mode(), row.scope(), caller.id(), caller.name(), now, null, null,
                    row.expiresAt(), row.allowedIps(), null, null, null, row.bucket(), row.rateLimitRequests(),
                    row.rateLimitWindowSeconds(), null, row.id(), null, row.routes()));
            keys.markRolled(row.id(), oldExpires, newId);
            audit.record(teamId, row.id(), row.name(), AuditAction.ROLLED, caller, now,
                    "rolled to " + newId + "; old key works until " + oldExpires + " (grace " + graceSeconds + " s)");
            audit.record(teamId, newId, row.name(), AuditAction.CREATED, caller, now,
                    "rolled from " + row.id() + ", mode " + row.mode() + ", scope " + row.scope());
            old[0] = row;
            return successor;
        });
        LOG.info("Key {} of team {} rolled to {} ({}) by {}, grace {} s", keyId, teamId, created.id(), created.prefix(),
                caller.id(), graceSeconds);
        events.keyChanged(old[0].tokenHash());
        return new Created(created, token[0]);
    }

    /** Revokes the key; revoking a revoked key changes nothing and answers the key as it is. */
    ApiKeyRow revoke(String teamId, String keyId, Caller caller) {
        boolean[] revokedNow = {false};
        ApiKeyRow row = transactions.executeWrite(status -> {
            ApiKeyRow current = find(teamId, keyId);
            Instant now = now();
            if (keys.revoke(current.id(), now, caller.id(), caller.name()) == 1) {
                revokedNow[0] = true;
                audit.record(teamId, current.id(), current.name(), AuditAction.REVOKED, caller, now, null);
            }
            return find(teamId, keyId);
        });
        if (revokedNow[0]) {
            LOG.info("Key {} ({}) of team {} revoked by {}", row.id(), row.prefix(), teamId, caller.id());
        }
        // Published on every revoke call, also a repeated one: cheap, and heals a lost first event.
        events.keyChanged(row.tokenHash());
        return row;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private ApiKeyRow find(String teamId, String keyId) {
        return keys.findByIdAndTeamId(keyId, teamId).orElseThrow(KeyService::keyNotFound);
    }

    static ApiException keyNotFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Key not found.");
    }

    private static String describe(Object value) {
        return value == null ? "none" : value.toString();
    }
}
