package com.paperlink.keyadmin.security;

import java.util.Locale;
import java.util.Optional;

/** A user's role in a team, from the JWT's {@code teams} claim. */
public enum TeamRole {
    OWNER, ADMIN, MANAGER, MEMBER;

    public boolean mayManageKeys() {
        return this == OWNER || this == ADMIN;
    }

    public static Optional<TeamRole> parse(Object claim) {
        if (!(claim instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
