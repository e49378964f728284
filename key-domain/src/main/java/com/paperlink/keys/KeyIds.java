package com.paperlink.keys;

import java.security.SecureRandom;

/** Public key ids, e.g. {@code key_3hG7...}: opaque, unguessable, safe to log. */
public final class KeyIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PREFIX = "key_";
    public static final int RANDOM_LENGTH = 20;

    private KeyIds() {
    }

    public static String newId() {
        return PREFIX + Base62.random(RANDOM, RANDOM_LENGTH);
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != PREFIX.length() + RANDOM_LENGTH || !id.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < id.length(); i++) {
            if (!Base62.isBase62(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
