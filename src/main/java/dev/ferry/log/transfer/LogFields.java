package dev.ferry.log.transfer;

import java.nio.charset.StandardCharsets;

/**
 * How the formats make client-supplied text fit their lines. A file may be called anything a
 * client could send, line breaks excepted, and user names come from clients too: whatever
 * could split a record, or shift its fields, is replaced or encoded.
 */
final class LogFields {
    private LogFields() {
    }

    /**
     * One blank-free field (xferlog, stats, user names): blanks and control characters become
     * '_', as xferlog(5) specifies; an empty value becomes {@code empty}.
     */
    static String word(String text, String empty) {
        if (text.isEmpty()) {
            return empty;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isWhitespace(c) || Character.isISOControl(c) || breaksLines(c) ? '_' : c);
        }
        return out.toString();
    }

    /**
     * A URL-style field (CLF, W3C): every byte of the UTF-8 form but letters, digits and
     * {@code . / _ -} as %XX, so the field holds neither a blank nor a quote.
     */
    static String urlEncoded(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '/' || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A JSON string literal, quotes included (RFC 8259 §7). */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || breaksLines(c)) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** NEL and the Unicode line and paragraph separators: line breaks to some log readers. */
    private static boolean breaksLines(char c) {
        return c == 0x85 || c == 0x2028 || c == 0x2029;
    }
}
