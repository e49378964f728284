package com.paperlink.gateway.usage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest use of each key since the last flush, in memory. Recording is one map write; a flush
 * drains the map, and a failed flush puts its entries back (keeping whichever use is newer), so a
 * database outage delays "last used" but never loses it.
 */
public final class LastUsedBuffer {

    /** One key's latest use. */
    public record Use(Instant at, String clientIp) {
        Use newer(Use other) {
            return other == null || at.isAfter(other.at) ? this : other;
        }
    }

    private final ConcurrentHashMap<String, Use> pending = new ConcurrentHashMap<>();

    public void record(String keyId, Instant at, String clientIp) {
        Use use = new Use(at, clientIp);
        pending.merge(keyId, use, Use::newer);
    }

    /** Takes everything recorded so far; later records go to the next drain. */
    public Map<String, Use> drain() {
        Map<String, Use> drained = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Use use = pending.remove(keyId);
            if (use != null) {
                drained.put(keyId, use);
            }
        }
        return drained;
    }

    /** Puts back a batch that could not be written. */
    public void restore(Map<String, Use> batch) {
        batch.forEach((keyId, use) -> pending.merge(keyId, use, Use::newer));
    }

    public int size() {
        return pending.size();
    }
}
