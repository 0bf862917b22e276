package dev.ferry.log;

import java.util.Locale;

/** Makes client-supplied text safe to log: control characters escaped, passwords masked. */
public final class LogText {
    private static final int MAX = 512;

    private LogText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
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

    /** A command for the log: PASS arguments never appear. */
    public static String command(String verb, String argument) {
        if (verb.equals("PASS")) {
            return "PASS ****";
        }
        return argument.isEmpty() ? escape(verb) : escape(verb) + " " + escape(argument);
    }
}
