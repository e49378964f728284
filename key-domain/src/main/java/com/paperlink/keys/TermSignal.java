package com.paperlink.keys;

import sun.misc.Signal;

/**
 * SIGTERM as a normal stop. The JVM's own handler runs the shutdown hooks (where the services drain) and then
 * exits with status 143; orchestrators and process supervisors read that as a failure. This handler starts the
 * same shutdown with {@code System.exit(0)}: the hooks still run in full, and a drained stop exits 0.
 */
public final class TermSignal {

    private TermSignal() {
    }

    /** Installs the handler; on a platform without SIGTERM nothing changes. */
    public static void exitZeroOnTerm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGTERM here (or it is reserved): keep the JVM's default
        }
    }
}
