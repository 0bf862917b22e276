package dev.ferry.policy.quota;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's files and bytes under their home, against their {@link Quota}. Counted on first
 * use (a walk of the home that follows no links), then changed only by {@link #changed}.
 *
 * <p>Two uploads of one user that run at the same time are each judged by what was kept when
 * they started, so together they can pass the byte quota by what the first is still sending
 * (Pure-FTPd's quotas behave the same way); the next upload is then refused.
 */
public final class QuotaUsage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaUsage.class);

    private final Path home;
    private final Runnable onLastClose;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by the ledger's lock. */
    private int sessions;
    private volatile Quota quota = Quota.NONE;
    private boolean counted;
    private long files;
    private long bytes;

    QuotaUsage(Path home, Runnable onLastClose) {
        this.home = home;
        this.onLastClose = onLastClose;
    }

    void retain(Quota latest) {
        sessions++;
        quota = latest; // the newest login's limits, should they have been changed meanwhile
    }

    /** Whether the last session let go; called under the ledger's lock. */
    boolean releaseOne() {
        return --sessions == 0;
    }

    public Quota quota() {
        return quota;
    }

    /** Whether {@code host} is under the home this usage counts. */
    public boolean covers(Path host) {
        return host.toAbsolutePath().normalize().startsWith(home);
    }

    /** What is kept now, counted first if nobody has needed it yet. */
    public Quota kept() {
        lock.lock();
        try {
            countOnce();
            return new Quota(files, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that may still be added; {@link Long#MAX_VALUE} without a byte quota, never negative. */
    public long bytesLeft() {
        long limit = quota.bytes();
        return limit == 0 ? Long.MAX_VALUE : Math.max(0, limit - kept().bytes());
    }

    /** Whether one more file would pass the file quota. */
    public boolean fileLimitReached() {
        long limit = quota.files();
        return limit > 0 && kept().files() >= limit;
    }

    /** Records that one path went from {@code before} to {@code after}. */
    public void changed(FileState before, FileState after) {
        lock.lock();
        try {
            if (counted) { // otherwise the walk, when it comes, sees the result
                // never below zero: a file another program added after the walk may be deleted
                files = Math.max(0, files + after.files() - before.files());
                bytes = Math.max(0, bytes + after.bytes() - before.bytes());
            }
        } finally {
            lock.unlock();
        }
    }

    private void countOnce() {
        if (counted) {
            return;
        }
        long[] found = new long[2];
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        found[0]++;
                        found[1] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: the user cannot have put anything there either
                }
            });
        } catch (IOException e) {
            LOG.warn("could not count what {} holds for its quota: {}", home, e.toString());
        }
        files = found[0];
        bytes = found[1];
        counted = true;
    }

    @Override
    public void close() {
        onLastClose.run();
    }
}
