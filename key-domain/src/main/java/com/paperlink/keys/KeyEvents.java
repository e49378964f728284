package com.paperlink.keys;

/**
 * The contract between key-admin and gateway nodes for cache invalidation over Redis pub/sub.
 *
 * <p>key-admin publishes on {@link #DEFAULT_CHANNEL} (overridable with {@code paperlink.key-events.channel})
 * after every change that affects authentication (revoke, expiry, IP list, ...). The message is the
 * changed key's token hash (SHA-256 hex), never the token; a gateway drops that hash from its cache
 * so the next request reloads the key from the database.
 */
public final class KeyEvents {

    public static final String DEFAULT_CHANNEL = "paperlink:key-events";

    private KeyEvents() {
    }
}
