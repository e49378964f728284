package com.paperlink.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import java.util.concurrent.CompletionStage;

/**
 * Step 1 of the pipeline: turns an {@code Authorization} header into one {@link AuthResult}.
 *
 * <p>A token that fails its shape or checksum is rejected without touching any storage. Known keys are
 * served from memory; a miss is looked up in the keys table off the event loop. The returned stage
 * never completes exceptionally: storage failures become {@link AuthOutcome#UNAVAILABLE}.
 */
public interface KeyAuthenticator {

    CompletionStage<AuthResult> authenticate(@Nullable String authorizationHeader);
}
