package com.paperlink.gateway.usage;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One key's usage since the last flush: its answers per hour and status class (a {@link LongAdder} per class,
 * so event loops bumping the same key do not contend), and its latest use. The pipeline finds the tally once
 * per request and bumps it; {@link UsageLedger#drain} takes the counts. Counts move out with
 * {@link LongAdder#sumThenReset()}, whose per-cell get-and-set never loses a concurrent increment: one made
 * during a drain is taken by the next.
 */
public final class KeyTally {

    static final long HOUR_MILLIS = 3_600_000L;
    /** A closed hour is still drained this long after it ends, for increments that raced with the roll-over. */
    private static final long CLOSED_HOUR_KEPT_MILLIS = 10 * 60_000L;

    /** The counters of one hour. */
    private static final class Hour {
        final long start;
        final LongAdder[] counts = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};

        Hour(long start) {
            this.start = start;
        }
    }

    private final String keyId;
    private final String teamId;
    private final Clock clock;
    private volatile Hour current;
    private final List<Hour> closed = new ArrayList<>(2); // guarded by this
    private volatile long lastUsedMillis;
    private volatile InetAddress lastUsedFrom;
    private long writtenUseMillis; // guarded by this: the last use already in the database
    boolean idleBefore; // the ledger's: the previous drain found this tally idle

    KeyTally(String keyId, String teamId, Clock clock) {
        this.keyId = keyId;
        this.teamId = teamId;
        this.clock = clock;
        this.current = new Hour(hourOf(clock.millis()));
    }

    public String keyId() {
        return keyId;
    }

    public String teamId() {
        return teamId;
    }

    /** The key was used from {@code client} (allowlist passed): two volatile writes, nothing else. */
    public void used(InetAddress client) {
        lastUsedFrom = client;
        lastUsedMillis = clock.millis();
    }

    /** The request was answered with {@code status}: one counter bump (plus, once an hour, a roll-over). */
    public void answered(int status) {
        long now = clock.millis();
        Hour hour = current;
        if (now < hour.start || now - hour.start >= HOUR_MILLIS) {
            hour = hourAt(now);
        }
        hour.counts[StatusClass.index(status)].increment();
    }

    private synchronized Hour hourAt(long now) {
        long start = hourOf(now);
        Hour hour = current;
        if (start <= hour.start) {
            return hour; // the clock stepped back: keep counting in the newest hour
        }
        closed.add(hour);
        current = new Hour(start);
        return current;
    }

    /** Moves this key's counts and last use into the batch; returns whether there was anything. */
    synchronized boolean drainInto(UsageBatch batch, long now) {
        boolean any = false;
        for (Iterator<Hour> it = closed.iterator(); it.hasNext(); ) {
            Hour hour = it.next();
            any |= drainHour(hour, batch);
            if (now - (hour.start + HOUR_MILLIS) > CLOSED_HOUR_KEPT_MILLIS) {
                it.remove();
            }
        }
        any |= drainHour(current, batch);
        long used = lastUsedMillis;
        if (used > writtenUseMillis) {
            InetAddress from = lastUsedFrom;
            batch.lastUses.add(new UsageBatch.LastUse(this, used, from == null ? null : from.getHostAddress()));
            any = true;
        }
        return any;
    }

    private boolean drainHour(Hour hour, UsageBatch batch) {
        long[] counts = new long[4];
        long total = 0;
        for (int i = 0; i < 4; i++) {
            counts[i] = hour.counts[i].sumThenReset();
            total += counts[i];
        }
        if (total == 0) {
            return false;
        }
        batch.add(new UsageBatch.Count(keyId, teamId, hour.start, counts));
        return true;
    }

    /** The batch holding {@code usedMillis} was committed. */
    synchronized void written(long usedMillis) {
        writtenUseMillis = Math.max(writtenUseMillis, usedMillis);
    }

    /** Nothing counted or used for a day: the ledger may forget this tally. */
    boolean idleSince(long now, long idleMillis) {
        return now - Math.max(lastUsedMillis, current.start + HOUR_MILLIS) > idleMillis;
    }

    static long hourOf(long millis) {
        return Math.floorDiv(millis, HOUR_MILLIS) * HOUR_MILLIS;
    }
}
