package dev.ferry.policy.limit;

/**
 * fnmatch(3)-style wildcards as ProFTPD uses them in ACLs and {@code <Directory>} paths: {@code *}
 * (any run of characters), {@code ?} (one character), {@code [...]} (a class, {@code !} or
 * {@code ^} negates, {@code a-z} ranges) and {@code \} to escape the next character. Without
 * FNM_PATHNAME: a caller that wants {@code *} to stay within one path component hands in one
 * component at a time.
 */
public final class Glob {
    private Glob() {
    }

    /** Whether {@code text} holds an unescaped wildcard character. */
    static boolean hasWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** Rejects a glob that fnmatch would read differently from what its author meant. */
    public static void validate(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                if (i + 1 == glob.length()) {
                    throw new IllegalArgumentException("'" + glob + "': a trailing '\\' escapes nothing");
                }
                i++;
            } else if (c == '[') {
                int end = classEnd(glob, i);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + glob + "': '[' opens a character class that is never closed");
                }
                i = end;
            }
        }
    }

    public static boolean matches(String glob, String text, boolean ignoreCase) {
        int g = 0;
        int t = 0;
        int starGlob = -1;
        int starText = -1;
        while (t < text.length()) {
            int consumed = g < glob.length() ? step(glob, g, text.charAt(t), ignoreCase) : -1;
            if (consumed == 0) {
                starGlob = g++;
                starText = t;
            } else if (consumed > 0) {
                g += consumed;
                t++;
            } else if (starGlob >= 0) {
                g = starGlob + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** 0 for a star, the glob characters used when {@code c} matches here, -1 when it does not. */
    private static int step(String glob, int at, char c, boolean ignoreCase) {
        char p = glob.charAt(at);
        switch (p) {
            case '*':
                return 0;
            case '?':
                return 1;
            case '[': {
                int end = classEnd(glob, at);
                if (end < 0) {
                    return same('[', c, ignoreCase) ? 1 : -1;
                }
                return inClass(glob, at, end, c, ignoreCase) ? end - at + 1 : -1;
            }
            case '\\':
                if (at + 1 < glob.length()) {
                    return same(glob.charAt(at + 1), c, ignoreCase) ? 2 : -1;
                }
                return same(p, c, ignoreCase) ? 1 : -1;
            default:
                return same(p, c, ignoreCase) ? 1 : -1;
        }
    }

    /** Index of the ']' closing the class opened at {@code open}, or -1. */
    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // a ']' right after the opening is a member, not the end
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean inClass(String glob, int open, int end, char c, boolean ignoreCase) {
        int i = open + 1;
        boolean negate = glob.charAt(i) == '!' || glob.charAt(i) == '^';
        if (negate) {
            i++;
        }
        boolean found = false;
        while (i < end) {
            char lo = glob.charAt(i);
            if (lo == '\\' && i + 1 < end) {
                lo = glob.charAt(++i);
            }
            i++;
            if (i + 1 < end && glob.charAt(i) == '-') {
                char hi = glob.charAt(i + 1);
                if (hi == '\\' && i + 2 < end) {
                    hi = glob.charAt(i + 2);
                    i++;
                }
                i += 2;
                found |= inRange(lo, hi, c, ignoreCase);
            } else {
                found |= same(lo, c, ignoreCase);
            }
        }
        return found != negate;
    }

    private static boolean inRange(char lo, char hi, char c, boolean ignoreCase) {
        if (lo <= c && c <= hi) {
            return true;
        }
        if (!ignoreCase) {
            return false;
        }
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        return (lo <= lower && lower <= hi) || (lo <= upper && upper <= hi);
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
