package com.paperlink.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Keys by token hash in memory, with the freshness rules that make revocation bounded and a database
 * outage survivable:
 * <ul>
 *   <li>younger than {@code freshFor}: served from memory, no I/O;</li>
 *   <li>between {@code freshFor} and {@code maxAge}: served from memory while one background reload
 *       runs (stale-while-revalidate), so hot keys never wait for the database;</li>
 *   <li>older than {@code maxAge}: the request waits for the reload, so a revoked key is rejected at
 *       most {@code maxAge} (+ one query) after the revoke even with no event from Redis;</li>
 *   <li>a failed reload keeps the entry (stale-if-error): cached keys keep working while the
 *       database is down; a key never seen gets {@link AuthOutcome#UNAVAILABLE}.</li>
 * </ul>
 * Unknown hashes are cached too (for {@code negativeFor}) so repeating a made-up token does not
 * repeat the query. Concurrent loads of one hash share a single query.
 */
public final class KeyCache {

    /** An entry: the key or its absence, and when the store last confirmed it. */
    private record Entry(Optional<KeyRecord> key, long checkedAtMillis) {
    }

    private final KeyLookup lookup;
    private final Executor executor;
    private final Clock clock;
    private final long freshForMillis;
    private final long maxAgeMillis;
    private final long negativeForMillis;
    private final Cache<String, Entry> known;
    private final Cache<String, Entry> unknown;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<KeyRecord>>> loading = new ConcurrentHashMap<>();

    public KeyCache(KeyLookup lookup, Executor executor, Clock clock, Duration freshFor, Duration maxAge,
                    Duration negativeFor, long maxEntries) {
        this.lookup = lookup;
        this.executor = executor;
        this.clock = clock;
        this.freshForMillis = freshFor.toMillis();
        this.maxAgeMillis = maxAge.toMillis();
        this.negativeForMillis = negativeFor.toMillis();
        // Known keys stay while used (they are what we serve during a database outage); unknown
        // hashes live in their own cache so a flood of made-up tokens cannot evict real keys.
        // Caffeine's upkeep (recording reads, expiry, eviction) runs on the calling thread, an event loop: by
        // default every 16th read or so hands it to ForkJoinPool's thread, whose wake-up on the loop's CPU
        // delays the request being served there.
        this.known = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(Duration.ofHours(1))
                .executor(Runnable::run).build();
        this.unknown = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(negativeFor)
                .executor(Runnable::run).build();
    }

    /** The key for this hash, empty when there is none; fails only when the store is down and nothing is cached. */
    public CompletableFuture<Optional<KeyRecord>> get(String tokenHash) {
        long now = clock.millis();
        Entry entry = known.getIfPresent(tokenHash);
        if (entry == null) {
            Entry absent = unknown.getIfPresent(tokenHash);
            if (absent != null && now - absent.checkedAtMillis() < negativeForMillis) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return load(tokenHash).toCompletableFuture();
        }
        long age = now - entry.checkedAtMillis();
        if (age < freshForMillis) {
            return CompletableFuture.completedFuture(entry.key());
        }
        CompletableFuture<Optional<KeyRecord>> reload = load(tokenHash);
        if (age < maxAgeMillis) {
            return CompletableFuture.completedFuture(entry.key());
        }
        // Too old to trust without asking; if the store is down, the last answer is better than none.
        return reload.exceptionally(failure -> entry.key());
    }

    /**
     * Whether {@link #get} would answer from memory, without waiting for the store: the key is held, or the
     * hash is remembered as unknown.
     */
    public boolean holds(String tokenHash) {
        if (known.getIfPresent(tokenHash) != null) {
            return true;
        }
        Entry absent = unknown.getIfPresent(tokenHash);
        return absent != null && clock.millis() - absent.checkedAtMillis() < negativeForMillis;
    }

    /** Whether a lookup of this hash is already running: a request for it joins that one, no new query. */
    public boolean lookingUp(String tokenHash) {
        return loading.containsKey(tokenHash);
    }

    /** Unknown hashes remembered right now (bounded by max-keys and negative-for). */
    public long unknownSize() {
        unknown.cleanUp();
        return unknown.estimatedSize();
    }

    /** Forget a key (key-admin announced a change); the next request reloads it. */
    public void invalidate(String tokenHash) {
        known.invalidate(tokenHash);
        unknown.invalidate(tokenHash);
    }

    public void invalidateAll() {
        known.invalidateAll();
        unknown.invalidateAll();
    }

    public long size() {
        return known.estimatedSize();
    }

    private CompletableFuture<Optional<KeyRecord>> load(String tokenHash) {
        CompletableFuture<Optional<KeyRecord>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<KeyRecord>> running = loading.putIfAbsent(tokenHash, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                try {
                    long checkedAt = clock.millis();
                    Optional<KeyRecord> key = lookup.findByTokenHash(tokenHash);
                    store(tokenHash, new Entry(key, checkedAt));
                    loading.remove(tokenHash, mine);
                    mine.complete(key);
                } catch (RuntimeException | Error failure) {
                    loading.remove(tokenHash, mine);
                    mine.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException rejected) {
            // The lookup pool is saturated (a flood of uncached tokens): shed load, do not queue forever.
            loading.remove(tokenHash, mine);
            mine.completeExceptionally(rejected);
        }
        return mine;
    }

    private void store(String tokenHash, Entry entry) {
        if (entry.key().isPresent()) {
            known.put(tokenHash, entry);
            unknown.invalidate(tokenHash);
        } else {
            unknown.put(tokenHash, entry);
            known.invalidate(tokenHash);
        }
    }
}
