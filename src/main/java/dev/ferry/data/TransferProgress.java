package dev.ferry.data;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes moved so far and when the last ones moved; read by STAT and the stall timer. A transfer
 * under a {@link RateLimit} is held back here: {@link #chunk} bounds each call, {@link #add}
 * waits until the bytes are due.
 */
public final class TransferProgress {
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastProgressNanos = System.nanoTime();
    private final Optional<RateLimit> limit;

    public TransferProgress(Optional<RateLimit> limit) {
        this.limit = limit;
    }

    /** Counts {@code n} bytes moved; under a rate limit, returns once they are due. */
    public void add(long n) {
        if (n > 0) {
            long total = bytes.addAndGet(n);
            lastProgressNanos = System.nanoTime();
            if (limit.isPresent()) {
                limit.get().pace(total);
            }
        }
    }

    /** The most the next read or write may move, given it wants {@code wanted}. */
    public long chunk(long wanted) {
        return limit.isEmpty() ? wanted : limit.get().chunk(wanted);
    }

    /** {@link #chunk} for a buffer's size. */
    public int chunk(int wanted) {
        return (int) chunk((long) wanted);
    }

    public boolean isLimited() {
        return limit.isPresent();
    }

    public long bytes() {
        return bytes.get();
    }

    public long lastProgressNanos() {
        return lastProgressNanos;
    }
}
