package com.paperlink.gateway.auth;

/** The closed set of answers to "who is calling?"; the pipeline maps each to one public error. */
public enum AuthOutcome {
    /** A known, active, unexpired key. */
    VALID,
    /** No {@code Authorization} header, or not the {@code Bearer} scheme. */
    MISSING,
    /** Not a token of our format, or its checksum fails. No storage was touched. */
    MALFORMED,
    /** Well-formed but no such key. */
    UNKNOWN,
    REVOKED,
    EXPIRED,
    /** Switched off by an admin (reversible); answered like a revoked key. */
    DISABLED,
    /** The key store could not be reached and the key is not cached: 503, not 401. */
    UNAVAILABLE
}
