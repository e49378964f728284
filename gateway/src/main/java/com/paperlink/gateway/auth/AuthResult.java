package com.paperlink.gateway.auth;

import io.micronaut.core.annotation.Nullable;

/** {@code key} is present exactly when {@code outcome} is {@link AuthOutcome#VALID}. */
public record AuthResult(AuthOutcome outcome, @Nullable AuthenticatedKey key) {

    public static AuthResult valid(AuthenticatedKey key) {
        return new AuthResult(AuthOutcome.VALID, key);
    }

    /** One per outcome, made once: a rejection carries nothing else. */
    private static final AuthResult[] REJECTED = new AuthResult[AuthOutcome.values().length];

    static {
        for (AuthOutcome outcome : AuthOutcome.values()) {
            if (outcome != AuthOutcome.VALID) {
                REJECTED[outcome.ordinal()] = new AuthResult(outcome, null);
            }
        }
    }

    public static AuthResult rejected(AuthOutcome outcome) {
        if (outcome == AuthOutcome.VALID) {
            throw new IllegalArgumentException("a valid result needs its key");
        }
        return REJECTED[outcome.ordinal()];
    }

    public boolean isValid() {
        return outcome == AuthOutcome.VALID;
    }
}
