package com.paperlink.gateway.usage;

/**
 * Where the pipeline counts a key's requests and remembers its latest use, in memory; a background task
 * writes them in batches (SPEC: "last used" current to within a minute, usage per hour and day, no database
 * write per request). Called on the event loop for every authenticated request: must be cheap and never block.
 */
public interface KeyUsageRecorder {

    /** The key's tally: {@link KeyTally#used} once the key may be used from here, {@link KeyTally#answered} once. */
    KeyTally tally(String keyId, String teamId);
}
