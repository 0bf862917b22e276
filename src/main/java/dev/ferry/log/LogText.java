package dev.ferry.log;

import java.util.Locale;

/**
 * Makes client-supplied text safe to log: control characters escaped, passwords masked.
 *
 * <p>Every log record must stay one line and must not drive the terminal or viewer showing it
 * (catalogue O4). Escaped are the C0 controls and DEL, the C1 controls (0x80-0x9F arrive as
 * such when a line falls back to ISO-8859-1; 0x85 is NEL, a line break, and 0x9B is CSI, an
 * escape sequence on 8-bit terminals), the Unicode line and paragraph separators, and the
 * bidirectional overrides that can make a log line read differently from what it contains.
 * A backslash is doubled so that an escape in the output is always one the server wrote.
 */
public final class LogText {
    private static final int MAX = 512;

    private LogText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (isInvisibleBreakOrOverride(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }

    /** U+2028/2029 (line/paragraph separator) and the bidi embeddings, overrides and isolates. */
    private static boolean isInvisibleBreakOrOverride(char c) {
        return c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    /**
     * A command for the log: a password never appears. Masked is anything that reads as PASS
     * once leading blanks are dropped, in any case: a client that sends {@code " PASS x"} or
     * {@code "pass\tx"} gets a 500, but its password must not reach the log on the way.
     */
    public static String command(String verb, String argument) {
        String whole = argument.isEmpty() ? verb : verb + " " + argument;
        if (whole.stripLeading().regionMatches(true, 0, "PASS", 0, 4)) {
            return "PASS ****";
        }
        return argument.isEmpty() ? escape(verb) : escape(verb) + " " + escape(argument);
    }
}
