package com.paperlink.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes log lines to standard output from a thread of its own, with group commit: the writer takes
 * everything queued since its last write and sends it in one {@code write} call. Under load that is one
 * system call for dozens of access-log lines (logback's console appender makes at least one per line);
 * when traffic is light each line still goes out at once, because the writer never waits for more.
 * Nothing is dropped: a full queue makes the caller wait. Lines still queued at shutdown are written.
 *
 * <p>Configured in logback.xml like any appender, with an encoder.
 */
public final class GroupCommitAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder set for the appender named [" + name + "].");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::writeLoop, "log-writer-" + name);
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<ILoggingEvent> batch = new ArrayList<>(256);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (isStarted() || !queue.isEmpty()) {
            try {
                ILoggingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1024);
                write(batch, bytes);
            } catch (InterruptedException e) {
                break; // stop(): drain below
            }
        }
        queue.drainTo(batch);
        write(batch, bytes);
    }

    private void write(List<ILoggingEvent> batch, ByteArrayOutputStream bytes) {
        if (batch.isEmpty()) {
            return;
        }
        bytes.reset();
        for (ILoggingEvent event : batch) {
            byte[] line = encoder.encode(event);
            bytes.write(line, 0, line.length);
        }
        batch.clear();
        try {
            // System.out as it is now (test runners replace it); one large write passes its small buffer.
            OutputStream out = System.out;
            bytes.writeTo(out);
            out.flush();
        } catch (IOException e) {
            addError("Could not write log lines", e);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
