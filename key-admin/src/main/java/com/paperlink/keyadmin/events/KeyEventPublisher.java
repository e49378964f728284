package com.paperlink.keyadmin.events;

/**
 * Tells gateway nodes that a key's authentication data changed (revoke, expiry, IP list), so they
 * drop it from their caches at once. Best effort and non-blocking: the gateway's short cache TTL
 * is the safety net, so a lost event only delays the change by a few seconds.
 */
public interface KeyEventPublisher extends AutoCloseable {

    /** Publishes the changed key's token hash (never the token). Returns at once; never throws. */
    void keyChanged(String tokenHash);

    /** Releases the Redis connection, if any. */
    @Override
    default void close() {
    }

    /** Used when no Redis is configured. */
    KeyEventPublisher NONE = tokenHash -> {
    };
}
