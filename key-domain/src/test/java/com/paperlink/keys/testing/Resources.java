package com.paperlink.keys.testing;

/** Tear-down helper for test classes that start several servers and processes. */
public final class Resources {

    private Resources() {
    }

    /** Closes each in order, skipping what never started; a failing close does not stop the rest. */
    public static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort: the test's own assertions already ran
            }
        }
    }
}
