package com.paperlink.gateway.auth;

import java.util.Optional;

/** Blocking lookup of a key by the SHA-256 of its token. Called off the event loop only. */
@FunctionalInterface
public interface KeyLookup {

    /**
     * @throws RuntimeException when the store cannot be reached (the caller answers 503, not 401)
     */
    Optional<KeyRecord> findByTokenHash(String tokenHash);
}
