package dev.ferry.policy.quota;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What each user with a quota keeps, shared by all of that user's sessions so that two sessions
 * cannot each fill the quota. One ledger lives as long as the server; a reload keeps it.
 *
 * <p>A user's usage is counted by walking their home the first time one of their sessions needs
 * it, then kept current by what their sessions upload, delete and rename. It is dropped when their
 * last session ends, so the next login counts again and sees what changed behind the server's back.
 */
public final class QuotaLedger {
    private record Key(String user, Path home) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, QuotaUsage> open = new HashMap<>();

    /** The usage of {@code user}'s home, shared with their other sessions; close it at logout. */
    public QuotaUsage open(String user, Path home, Quota quota) {
        Key key = new Key(user, home.toAbsolutePath().normalize());
        lock.lock();
        try {
            QuotaUsage usage = open.computeIfAbsent(key, k -> new QuotaUsage(k.home(), () -> release(k)));
            usage.retain(quota);
            return usage;
        } finally {
            lock.unlock();
        }
    }

    private void release(Key key) {
        lock.lock();
        try {
            QuotaUsage usage = open.get(key);
            if (usage != null && usage.releaseOne()) {
                open.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }
}
