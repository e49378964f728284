package com.paperlink.keys;

import java.util.Optional;

/** Whether a key reaches live data or the isolated test sandbox. Fixed for a key's lifetime. */
public enum KeyMode {
    LIVE("live"),
    TEST("test");

    private final String wire;

    KeyMode(String wire) {
        this.wire = wire;
    }

    /** The lower-case name used in JSON, in the database and in the token prefix. */
    public String wire() {
        return wire;
    }

    /** The token prefix for this mode, e.g. {@code pk_live_}. */
    public String tokenPrefix() {
        return "pk_" + wire + "_";
    }

    public static Optional<KeyMode> fromWire(String value) {
        for (KeyMode mode : values()) {
            if (mode.wire.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
