package com.paperlink.gateway.usage;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every key's {@link KeyTally} on this node. The pipeline asks for a key's tally once per request (one
 * lookup by the key id the key cache already holds, whose hash is cached); the flush drains them all. A tally
 * idle for a day with nothing left to write is forgotten, so the ledger holds only keys in use.
 */
public final class UsageLedger {

    private static final long IDLE_MILLIS = Duration.ofDays(1).toMillis();

    private final ConcurrentHashMap<String, KeyTally> tallies = new ConcurrentHashMap<>();
    private final Clock clock;

    public UsageLedger(Clock clock) {
        this.clock = clock;
    }

    public KeyTally tally(String keyId, String teamId) {
        KeyTally tally = tallies.get(keyId);
        return tally != null ? tally : tallies.computeIfAbsent(keyId, id -> new KeyTally(id, teamId, clock));
    }

    /**
     * Takes every count and last use recorded so far; later ones go to the next drain. A tally is forgotten only
     * when two drains in a row found it idle, so a request that fetched it just before a drain (and bumps it a
     * moment later) never bumps a forgotten tally.
     */
    UsageBatch drain() {
        long now = clock.millis();
        UsageBatch batch = new UsageBatch();
        tallies.values().removeIf(tally -> {
            boolean idle = !tally.drainInto(batch, now) && tally.idleSince(now, IDLE_MILLIS);
            boolean forget = idle && tally.idleBefore;
            tally.idleBefore = idle;
            return forget;
        });
        return batch;
    }

    int size() {
        return tallies.size();
    }
}
