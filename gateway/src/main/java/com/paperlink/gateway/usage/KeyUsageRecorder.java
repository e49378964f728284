package com.paperlink.gateway.usage;

import java.net.InetAddress;

/**
 * Remembers that a key was used, in memory; a background task writes the latest use per key to the keys
 * table in one batch (SPEC: "last used" current to within a minute, no database write per request).
 * Must be cheap and non-blocking: it is called on the event loop for every authenticated request.
 */
public interface KeyUsageRecorder {

    void recordUse(String keyId, InetAddress clientAddress);
}
