package com.paperlink.keys;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which of the gateway's routes a key may reach: a set of route names ({@code gateway.routes.<name>}),
 * empty meaning every route. Stored in {@code api_key.routes} as the names sorted and comma-separated,
 * {@code NULL} for every route; key-admin writes the column, the gateway reads it.
 */
public record RouteScope(List<String> names) {

    /** Every route: a key without a route list. */
    public static final RouteScope ALL = new RouteScope(List.of());
    /** What a route name may look like (a configuration key segment). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public RouteScope {
        names = List.copyOf(new TreeSet<>(names));
    }

    public static RouteScope of(Collection<String> names) {
        return names.isEmpty() ? ALL : new RouteScope(List.copyOf(names));
    }

    /** The column's value read back; {@code null} or blank is every route. */
    public static RouteScope fromColumn(String column) {
        if (column == null || column.isBlank()) {
            return ALL;
        }
        return new RouteScope(List.of(column.split(",")));
    }

    /** The column value: {@code null} for every route. */
    public String toColumn() {
        return names.isEmpty() ? null : String.join(",", names);
    }

    public boolean isUnrestricted() {
        return names.isEmpty();
    }

    /** Whether a request served by route {@code routeName} is within this scope. */
    public boolean allows(String routeName) {
        return names.isEmpty() || names.contains(routeName);
    }
}
