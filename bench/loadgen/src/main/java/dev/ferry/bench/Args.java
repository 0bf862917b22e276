package dev.ferry.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and {@code --flag} options; every key must be read, or it is an error. */
final class Args {
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Args(String[] argv, int from, Set<String> flags) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (flags.contains(key)) {
                value = "true";
            } else {
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                value = argv[++i];
            }
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    String get(String key, String fallback) {
        used.add(key);
        List<String> v = values.get(key);
        return v == null ? fallback : v.getLast();
    }

    String require(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    List<String> all(String key) {
        used.add(key);
        return values.getOrDefault(key, List.of());
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(get(key, Integer.toString(fallback)));
    }

    long size(String key, long fallback) {
        String v = get(key, null);
        return v == null ? fallback : parseSize(v);
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }

    /** Fails on any option that was given but never read (a typo, most likely). */
    void done() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
    }

    /** 4096, 4K, 100M, 1G (powers of 1024). */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase();
        long mult = 1;
        if (t.endsWith("K")) {
            mult = 1L << 10;
        } else if (t.endsWith("M")) {
            mult = 1L << 20;
        } else if (t.endsWith("G")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }

    /** 1073741824 → "1 GiB", 4096 → "4 KiB". */
    static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
