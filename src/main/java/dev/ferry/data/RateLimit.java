package dev.ferry.data;

import java.util.concurrent.TimeUnit;

/**
 * Holds one transfer to a number of bytes per second (a user's {@code --upload-rate} or
 * {@code --download-rate}, as pure-ftpd's per-user bandwidth and ProFTPD's TransferRate do). The
 * transfer moves at most a tenth of a second's worth per call, and after each call waits until
 * the bytes moved so far are due. Waiting after the bytes rather than before means the last
 * chunk's wait is also served, so a transfer never finishes sooner than its size allows.
 *
 * <p>Small chunks keep the stall timer and STAT fed, and an ABOR (which closes the socket) is
 * seen at the next call, within about a tenth of a second.
 */
public final class RateLimit {
    /** The smallest chunk, so that a very low rate does not mean a system call per few bytes. */
    private static final long MIN_CHUNK = 1024;

    private final long bytesPerSecond;
    private final long chunk;
    private final long startNanos = System.nanoTime();

    /** @param bytesPerSecond the cap, more than 0 */
    public RateLimit(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a rate limit must be positive: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.chunk = Math.max(MIN_CHUNK, bytesPerSecond / 10);
    }

    /** The most the next call may move, given it wants {@code wanted}. */
    long chunk(long wanted) {
        return Math.min(wanted, chunk);
    }

    /** Waits until {@code total} bytes are due; an interrupt ends the wait and is kept. */
    void pace(long total) {
        long dueNanos = startNanos + (long) ((double) total / bytesPerSecond * TimeUnit.SECONDS.toNanos(1));
        long wait = dueNanos - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the next channel operation fails and ends the transfer
        }
    }
}
