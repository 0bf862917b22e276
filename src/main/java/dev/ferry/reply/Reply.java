package dev.ferry.reply;

import java.util.List;
import java.util.Objects;

/**
 * One FTP reply (RFC 959 §4.2): a three-digit code and one or more lines of text.
 * Multi-line replies follow §4.2's format: {@code 123-First}, continuation lines, {@code 123 Last}.
 */
public record Reply(int code, List<String> lines) implements Outcome {

    public Reply {
        if (code < 100 || code > 659) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs text");
        }
    }

    public static Reply of(int code, String text) {
        return new Reply(code, List.of(Objects.requireNonNull(text)));
    }

    /** A multi-line reply; the first and last lines carry the code. */
    public static Reply multiline(int code, List<String> lines) {
        return new Reply(code, lines);
    }

    public boolean isPositive() {
        return code < 400;
    }

    /**
     * Wire form. Text lines never contain CR or LF (they are replaced), and continuation lines
     * that could be mistaken for a final line ("NNN " at the start) get a leading space, as
     * RFC 959 §4.2 recommends.
     */
    public String encode() {
        StringBuilder out = new StringBuilder(64);
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            String line = sanitize(lines.get(i));
            if (i == 0 || i == last) {
                out.append(code).append(i == last ? ' ' : '-').append(line);
            } else {
                if (looksLikeCode(line)) {
                    out.append(' ');
                }
                out.append(line);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String sanitize(String line) {
        if (line.indexOf('\r') < 0 && line.indexOf('\n') < 0) {
            return line;
        }
        return line.replace('\r', ' ').replace('\n', ' ');
    }

    private static boolean looksLikeCode(String line) {
        return line.length() >= 3 && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
                && Character.isDigit(line.charAt(2));
    }
}
