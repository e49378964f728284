package com.paperlink.stub.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One resource's records, kept in memory per team in insertion order. Bounded: at most
 * {@code maxTeams} teams (the least recently used is forgotten) and {@code maxItems} per team.
 * A team's first touch seeds it, so a first call returns something real.
 *
 * <p>Plain synchronisation: a stand-in service, one short critical section per call.
 */
public final class TeamPartitions<T> {

    private final int maxItems;
    private final Function<String, List<T>> seeds;
    private final Function<T, String> idOf;
    private final LinkedHashMap<String, LinkedHashMap<String, T>> teams;

    public TeamPartitions(int maxTeams, int maxItems, Function<T, String> idOf, Function<String, List<T>> seeds) {
        this.maxItems = maxItems;
        this.seeds = seeds;
        this.idOf = idOf;
        this.teams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, T>> eldest) {
                return size() > maxTeams;
            }
        };
    }

    public synchronized List<T> list(String team) {
        return new ArrayList<>(partition(team).values());
    }

    public synchronized Optional<T> get(String team, String id) {
        return Optional.ofNullable(partition(team).get(id));
    }

    public synchronized T insert(String team, T item) {
        LinkedHashMap<String, T> items = partition(team);
        if (items.size() >= maxItems) {
            throw new StubException(ErrorCode.LIMIT_REACHED,
                    "This team already holds " + maxItems + " items here; delete some first.");
        }
        items.put(idOf.apply(item), item);
        return item;
    }

    /** Applies the change to the current record; empty when there is none. */
    public synchronized Optional<T> update(String team, String id, UnaryOperator<T> change) {
        LinkedHashMap<String, T> items = partition(team);
        T current = items.get(id);
        if (current == null) {
            return Optional.empty();
        }
        T updated = change.apply(current);
        items.put(id, updated);
        return Optional.of(updated);
    }

    public synchronized boolean remove(String team, String id) {
        return partition(team).remove(id) != null;
    }

    private LinkedHashMap<String, T> partition(String team) {
        LinkedHashMap<String, T> items = teams.get(team);
        if (items == null) {
            items = new LinkedHashMap<>();
            for (T seed : seeds.apply(team)) {
                items.put(idOf.apply(seed), seed);
            }
            teams.put(team, items);
        }
        return items;
    }
}
