package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keys.RouteScope;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The gateway's route names, which a key's {@code routes} may list. Read from the same configuration the
 * gateway reads ({@code gateway.routes.<name>}: its defaults here, or the gateway's route file passed to
 * both services in {@code MICRONAUT_CONFIG_FILES}), so key-admin needs no gateway to validate a key.
 */
@Singleton
public final class RouteNames {

    static final String FIELD = "routes";
    private static final int MAX_ENTRIES = 50;

    private final Set<String> names;
    private final Map<String, String> paths;

    @Inject
    RouteNames(Environment environment) {
        this(environment.getPropertyEntries("gateway.routes").stream().collect(Collectors.toMap(name -> name,
                name -> environment.getProperty("gateway.routes." + name + ".path", String.class).orElse(""))));
    }

    private RouteNames(Map<String, String> paths) {
        this.names = Set.copyOf(paths.keySet());
        this.paths = Map.copyOf(paths);
    }

    /** For tests and tools: a fixed set of names, without paths. */
    static RouteNames of(Collection<String> names) {
        return new RouteNames(names.stream().collect(Collectors.toMap(name -> name, name -> "", (a, b) -> a)));
    }

    /** The path a route serves below {@code /api/v1} (e.g. {@code /documents}), where configured. */
    Optional<String> path(String name) {
        String path = paths.get(name);
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(path);
    }

    /** The configured names, sorted. */
    public List<String> all() {
        return List.copyOf(new TreeSet<>(names));
    }

    /**
     * The route scope for a request's list; empty (every route) for an empty list.
     *
     * @throws ApiException 400 {@code validation_failed} naming {@code routes[i]} for an unknown name
     */
    RouteScope scope(List<String> requested) {
        if (requested.size() > MAX_ENTRIES) {
            throw ApiException.invalid(FIELD, "routes may hold at most " + MAX_ENTRIES + " entries.");
        }
        List<String> checked = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            if (name == null || !names.contains(name)) {
                throw ApiException.invalid(FIELD, "routes[" + i + "] is not a gateway route: " + quote(name)
                        + ". Known routes: " + String.join(", ", all()) + ".");
            }
            checked.add(name);
        }
        return RouteScope.of(checked);
    }

    private static String quote(@Nullable String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown + "\"";
    }
}
