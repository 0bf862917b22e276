package dev.ferry.data;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes moved so far and when the last ones moved; read by STAT and the stall timer. */
public final class TransferProgress {
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastProgressNanos = System.nanoTime();

    public void add(long n) {
        if (n > 0) {
            bytes.addAndGet(n);
            lastProgressNanos = System.nanoTime();
        }
    }

    public long bytes() {
        return bytes.get();
    }

    public long lastProgressNanos() {
        return lastProgressNanos;
    }
}
