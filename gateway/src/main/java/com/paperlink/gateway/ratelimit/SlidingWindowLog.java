package com.paperlink.gateway.ratelimit;

/**
 * One bucket of the <em>sliding window log</em> algorithm (the exact variant of sliding-window rate
 * limiting, as described in Redis' rate-limiting patterns and Envoy's ratelimit docs; unlike a
 * fixed or sliding-window counter it never lets a burst straddle two windows).
 *
 * <p>It keeps the time of every counted request in a ring buffer, oldest first. A request at
 * {@code t} counts during {@code [t, t + window)}: entries at or before {@code now - window} are
 * dropped, the request is accepted only if fewer than {@code limit} remain, and only then is it
 * recorded. So at most {@code limit} requests are accepted in any half-open interval of one window
 * length, and rejections cost nothing. The Redis script implements the same rule.
 *
 * <p>Not thread-safe: {@link LocalRateLimiter} runs each call inside the cache's per-key lock.
 */
final class SlidingWindowLog {

    private long[] times = new long[4];
    private int head;
    private int size;
    private long windowMicros;

    /** Decides one request at {@code nowMicros}; records it only if allowed. */
    RateLimitDecision acquire(long nowMicros, int limit, long windowMicros) {
        this.windowMicros = windowMicros;
        // The wall clock may step back (NTP); keep the log ordered by never recording before the newest entry.
        long now = size == 0 ? nowMicros : Math.max(nowMicros, newest());
        while (size > 0 && times[head] <= now - windowMicros) {
            head = (head + 1) % times.length;
            size--;
        }
        boolean allowed = size < limit;
        if (allowed) {
            append(now);
        }
        // Remaining next grows when the oldest entry leaves; a rejected request additionally waits for
        // enough entries to leave to bring the count below the limit (matters only after the limit shrank).
        int blockingIndex = allowed ? 0 : size - limit;
        long blocking = size == 0 ? now : times[(head + blockingIndex) % times.length];
        return RateLimitDecision.of(allowed, limit, size, now, blocking, windowMicros);
    }

    /** The window of the last call: the bucket is forgettable after this much inactivity. */
    long windowMicros() {
        return windowMicros;
    }

    int size() {
        return size;
    }

    private long newest() {
        return times[(head + size - 1) % times.length];
    }

    private void append(long time) {
        if (size == times.length) {
            grow();
        }
        times[(head + size) % times.length] = time;
        size++;
    }

    // Grows on demand instead of allocating `limit` slots up front: most buckets never fill up.
    private void grow() {
        long[] bigger = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = times[(head + i) % times.length];
        }
        times = bigger;
        head = 0;
    }
}
