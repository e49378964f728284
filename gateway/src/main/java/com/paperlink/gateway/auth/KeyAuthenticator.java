package com.paperlink.gateway.auth;

import com.paperlink.keys.KeyMode;
import io.micronaut.core.annotation.Nullable;
import java.util.concurrent.CompletionStage;

/**
 * Step 1 of the pipeline: turns an {@code Authorization} header into one {@link AuthResult}.
 *
 * <p>A token that fails its shape or checksum is rejected without touching any storage. Known keys are
 * served from memory; a miss is looked up in the keys table off the event loop. The returned stage
 * never completes exceptionally: storage failures become {@link AuthOutcome#UNAVAILABLE}.
 *
 * <p>In two steps, so the caller can decide before any storage is touched: {@link #read} the header,
 * ask {@link #needsLookup}, then {@link #authenticate(Credential)}.
 */
public interface KeyAuthenticator {

    /** What the header carries: a well-formed token's hash, or why there is none. */
    record Credential(@Nullable AuthOutcome malformed, @Nullable String tokenHash, @Nullable KeyMode mode,
                      @Nullable String displayPrefix) {
    }

    /** Reads the header: shape and checksum only, no storage. */
    Credential read(@Nullable String authorizationHeader);

    /** Whether authenticating this credential would query the key store (a well-formed key this node does not hold). */
    boolean needsLookup(Credential credential);

    CompletionStage<AuthResult> authenticate(Credential credential);

    default CompletionStage<AuthResult> authenticate(@Nullable String authorizationHeader) {
        return authenticate(read(authorizationHeader));
    }
}
