package dev.ferry.fs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caches uid/gid to name look-ups. The JDK resolves owner names with getpwuid() on every call,
 * which dominates the cost of listing a large directory; ids map to the same names for the
 * life of the process (an admin renaming a system account is the rare exception).
 */
final class OwnerNames {
    private static final int MAX_ENTRIES = 4096;
    private final ConcurrentHashMap<Integer, String> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, String> groups = new ConcurrentHashMap<>();

    String user(int uid, Supplier<String> lookup) {
        return cached(users, uid, lookup);
    }

    String group(int gid, Supplier<String> lookup) {
        return cached(groups, gid, lookup);
    }

    private static String cached(ConcurrentHashMap<Integer, String> map, int id, Supplier<String> lookup) {
        String name = map.get(id);
        if (name == null) {
            name = lookup.get();
            if (map.size() < MAX_ENTRIES) {
                map.put(id, name);
            }
        }
        return name;
    }
}
