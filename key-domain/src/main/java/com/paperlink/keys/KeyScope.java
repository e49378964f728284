package com.paperlink.keys;

import java.util.Optional;

/** What a key may do, fixed at creation. The method rules live with the gateway's authorization step. */
public enum KeyScope {
    READ_WRITE("read_write"),
    READ_ONLY("read_only");

    private final String wire;

    KeyScope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<KeyScope> fromWire(String value) {
        for (KeyScope scope : values()) {
            if (scope.wire.equals(value)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
