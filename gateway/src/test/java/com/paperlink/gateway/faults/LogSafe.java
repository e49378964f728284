package com.paperlink.gateway.faults;

import com.paperlink.keys.testing.LogScanner;

/** Test output must not leak either: anything token- or JWT-shaped in a message is masked. */
final class LogSafe {

    private LogSafe() {
    }

    static String of(String text) {
        String masked = LogScanner.API_KEY.matcher(text).replaceAll("pk_…masked");
        masked = LogScanner.JWT.matcher(masked).replaceAll("eyJ…masked");
        return masked.length() > 300 ? masked.substring(0, 300) + "…" : masked;
    }
}
