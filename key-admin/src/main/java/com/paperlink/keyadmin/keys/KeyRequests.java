package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw JSON body into a validated command, naming the offending field in every 400. Bodies
 * are read as a tree (not bound to a class) so wrong types, unknown and immutable fields, and
 * {@code null} versus absent (PATCH {@code expiresAt: null} clears the expiry) are all told apart.
 */
@Singleton
final class KeyRequests {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "mode", "scope", "expiresAt", "allowedIps",
            "rateLimit", RouteNames.FIELD);
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "expiresAt", "allowedIps", "enabled", "rateLimit",
            RouteNames.FIELD);
    private static final Set<String> IMMUTABLE = Set.of("mode", "scope", "id", "prefix", "status", "createdAt",
            "createdBy", "lastUsedAt", "lastUsedIp", "revokedAt", "revokedBy", "token", "disabledAt", "rolledFrom",
            "rolledTo");
    static final int MAX_NAME = 100;
    static final int DEFAULT_GRACE_SECONDS = 86_400;
    static final int MAX_GRACE_SECONDS = 604_800;

    private final JsonMapper json;
    private final Clock clock;
    private final RouteNames routeNames;

    KeyRequests(JsonMapper json, Clock clock, RouteNames routeNames) {
        this.json = json;
        this.clock = clock;
        this.routeNames = routeNames;
    }

    NewKey parseCreate(@Nullable String body) {
        JsonNode root = object(body);
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            if (!CREATE_FIELDS.contains(field.getKey())) {
                throw ApiException.invalid(field.getKey(), "Unknown field \"" + shorten(field.getKey()) + "\".");
            }
        }
        String name = name(required(root, "name"));
        KeyMode mode = KeyMode.fromWire(enumText(required(root, "mode"), "mode", "live, test"))
                .orElseThrow(() -> ApiException.invalid("mode", "mode must be one of: live, test."));
        KeyScope scope = KeyScope.fromWire(enumText(required(root, "scope"), "scope", "read_write, read_only"))
                .orElseThrow(() -> ApiException.invalid("scope", "scope must be one of: read_write, read_only."));
        Instant expiresAt = expiresAt(root.get("expiresAt"));
        String allowedIps = allowedIps(root.get("allowedIps"));
        return new NewKey(name, mode, scope, expiresAt, allowedIps, rateLimit(root.get("rateLimit")),
                routes(root.get(RouteNames.FIELD)));
    }

    /** The roll body: {@code gracePeriodSeconds} (0–604800), optional, as is the body itself. */
    int parseRollGraceSeconds(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return DEFAULT_GRACE_SECONDS;
        }
        JsonNode root = object(body);
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            if (!field.getKey().equals("gracePeriodSeconds")) {
                throw ApiException.invalid(field.getKey(), "Unknown field \"" + shorten(field.getKey()) + "\".");
            }
        }
        JsonNode grace = root.get("gracePeriodSeconds");
        if (grace == null || grace.isNull()) {
            return DEFAULT_GRACE_SECONDS;
        }
        return (int) wholeNumber(grace, "gracePeriodSeconds", 0, MAX_GRACE_SECONDS,
                "gracePeriodSeconds must be a whole number of seconds from 0 to " + MAX_GRACE_SECONDS + " (7 days).");
    }

    KeyChanges parseUpdate(@Nullable String body) {
        JsonNode root = object(body);
        for (Map.Entry<String, JsonNode> field : root.entries()) {
            String key = field.getKey();
            if (key.equals("mode") || key.equals("scope")) {
                throw ApiException.invalid(key, key + " is fixed when a key is created and cannot be changed;"
                        + " create a new key instead.");
            }
            if (IMMUTABLE.contains(key)) {
                throw ApiException.invalid(key, key + " cannot be changed.");
            }
            if (!UPDATE_FIELDS.contains(key)) {
                throw ApiException.invalid(key, "Unknown field \"" + shorten(key) + "\".");
            }
        }
        if (root.size() == 0) {
            throw ApiException.invalid("body", "Send at least one of name, expiresAt, allowedIps, enabled, rateLimit, routes.");
        }
        JsonNode name = root.get("name");
        JsonNode enabled = root.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw ApiException.invalid("enabled", "enabled must be true or false.");
        }
        return new KeyChanges(
                name == null ? null : name(name),
                root.get("expiresAt") != null, expiresAt(root.get("expiresAt")),
                root.get("allowedIps") != null, allowedIps(root.get("allowedIps")),
                enabled == null ? null : enabled.getBooleanValue(),
                root.get("rateLimit") != null, rateLimit(root.get("rateLimit")),
                root.get(RouteNames.FIELD) != null, routes(root.get(RouteNames.FIELD)));
    }

    /** {@code null} (the gateway's default) for absent or JSON null; otherwise both fields, in range. */
    private static RateLimit rateLimit(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.invalid("rateLimit", "rateLimit must be an object {\"requests\": 1–100000, "
                    + "\"windowSeconds\": 1–3600}, or null for the gateway's default.");
        }
        for (Map.Entry<String, JsonNode> field : node.entries()) {
            if (!field.getKey().equals("requests") && !field.getKey().equals("windowSeconds")) {
                throw ApiException.invalid("rateLimit." + shorten(field.getKey()),
                        "Unknown field \"rateLimit." + shorten(field.getKey()) + "\".");
            }
        }
        long requests = wholeNumber(required(node, "rateLimit.requests", "requests"), "rateLimit.requests", 1,
                RateLimit.MAX_REQUESTS, "rateLimit.requests must be a whole number from 1 to " + RateLimit.MAX_REQUESTS + ".");
        long window = wholeNumber(required(node, "rateLimit.windowSeconds", "windowSeconds"), "rateLimit.windowSeconds",
                1, RateLimit.MAX_WINDOW_SECONDS,
                "rateLimit.windowSeconds must be a whole number of seconds from 1 to " + RateLimit.MAX_WINDOW_SECONDS + ".");
        return new RateLimit((int) requests, (int) window);
    }

    private static JsonNode required(JsonNode parent, String field, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw ApiException.invalid(field, field + " is required.");
        }
        return node;
    }

    /** A JSON integer (1 and 1.0 alike) within {@code [min, max]}; anything else is a 400 naming the field. */
    private static long wholeNumber(JsonNode node, String field, long min, long max, String message) {
        if (!node.isNumber()) {
            throw ApiException.invalid(field, message);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(node.getNumberValue().toString());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, message);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.invalid(field, message);
        }
        return value.longValue();
    }

    private JsonNode object(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "A JSON object body is required.");
        }
        JsonNode root;
        try {
            root = json.readValue(body.getBytes(StandardCharsets.UTF_8), Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid("body", "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("body", "The body must be a JSON object.");
        }
        return root;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.invalid(field, field + " is required.");
        }
        return node;
    }

    private static String name(JsonNode node) {
        if (!node.isString()) {
            throw ApiException.invalid("name", "name must be a string.");
        }
        String name = node.getStringValue().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.invalid("name", "name must be 1 to " + MAX_NAME + " characters (after trimming).");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name", "name must not contain control characters.");
        }
        return name;
    }

    private static String enumText(JsonNode node, String field, String allowed) {
        if (!node.isString()) {
            throw ApiException.invalid(field, field + " must be one of: " + allowed + ".");
        }
        return node.getStringValue();
    }

    /** {@code null} for absent or JSON null; otherwise an ISO-8601 instant in the future (stored to the millisecond). */
    private Instant expiresAt(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String hint = "expiresAt must be an ISO-8601 date-time with offset, e.g. 2030-01-31T00:00:00Z, or null.";
        if (!node.isString()) {
            throw ApiException.invalid("expiresAt", hint);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(node.getStringValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("expiresAt", hint);
        }
        if (!at.isAfter(clock.instant())) {
            throw ApiException.invalid("expiresAt", "expiresAt must be in the future.");
        }
        return at;
    }

    /** The normalised column value; {@code null} (any address) for absent, null or an empty list. */
    private static String allowedIps(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.invalid(AllowedIps.FIELD, "allowedIps must be an array of IP addresses or CIDR ranges.");
        }
        if (node.size() > AllowedIps.MAX_ENTRIES) {
            throw ApiException.invalid(AllowedIps.FIELD, "allowedIps may hold at most " + AllowedIps.MAX_ENTRIES
                    + " entries.");
        }
        List<String> entries = new ArrayList<>(node.size());
        for (JsonNode entry : node.values()) {
            if (!entry.isString()) {
                throw ApiException.invalid(AllowedIps.FIELD, "allowedIps entries must be strings.");
            }
            entries.add(entry.getStringValue());
        }
        return AllowedIps.normalise(entries);
    }

    /** The column value; {@code null} (every route) for absent, null or an empty list. */
    private String routes(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.invalid(RouteNames.FIELD, "routes must be an array of gateway route names.");
        }
        List<String> names = new ArrayList<>(node.size());
        for (JsonNode entry : node.values()) {
            if (!entry.isString()) {
                throw ApiException.invalid(RouteNames.FIELD, "routes entries must be strings.");
            }
            names.add(entry.getStringValue());
        }
        return routeNames.scope(names).toColumn();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A validated create body. */
    record NewKey(String name, KeyMode mode, KeyScope scope, @Nullable Instant expiresAt, @Nullable String allowedIps,
                  @Nullable RateLimit rateLimit, @Nullable String routes) {
    }

    /**
     * A validated PATCH body; {@code name == null}, {@code enabled == null} and the {@code *Set} flags mean
     * "leave as is"; {@code rateLimitSet} with a {@code null} limit means "back to the gateway's default".
     */
    record KeyChanges(@Nullable String name, boolean expiresAtSet, @Nullable Instant expiresAt,
                      boolean allowedIpsSet, @Nullable String allowedIps, @Nullable Boolean enabled,
                      boolean rateLimitSet, @Nullable RateLimit rateLimit,
                      boolean routesSet, @Nullable String routes) {
    }
}
