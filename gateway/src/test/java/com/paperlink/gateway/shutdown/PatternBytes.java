package com.paperlink.gateway.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A body whose every byte depends on its offset (no repeating block a lost or doubled chunk could hide in),
 * so a transfer is checked byte for byte by its SHA-256. As a stream it can stop at a given offset until a
 * gate opens: the test decides when the transfer is "in flight".
 */
final class PatternBytes extends InputStream {

    private final long length;
    private final long pauseAt;
    private final CountDownLatch gate;
    private long offset;

    PatternBytes(long length, long pauseAt, CountDownLatch gate) {
        this.length = length;
        this.pauseAt = pauseAt;
        this.gate = gate;
    }

    static byte at(long offset) {
        long x = offset * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ offset >>> 16);
    }

    static void fill(long offset, byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            buffer[i] = at(offset + i);
        }
    }

    /** The SHA-256 of the first {@code length} bytes, hex. */
    static String sha256(long length) {
        MessageDigest digest = newDigest();
        byte[] block = new byte[64 * 1024];
        for (long offset = 0; offset < length; offset += block.length) {
            int n = (int) Math.min(block.length, length - offset);
            fill(offset, block, n);
            digest.update(block, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (offset >= length) {
            return -1;
        }
        if (offset >= pauseAt && gate.getCount() > 0) {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        long limit = offset < pauseAt ? pauseAt : length;
        int n = (int) Math.min(len, limit - offset);
        for (int i = 0; i < n; i++) {
            buffer[off + i] = at(offset + i);
        }
        offset += n;
        return n;
    }
}
