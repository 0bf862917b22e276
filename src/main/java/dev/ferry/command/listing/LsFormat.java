package dev.ferry.command.listing;

import dev.ferry.fs.FileEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One {@code ls -l} line, the de-facto format for LIST that clients parse (Commons Net's UNIX
 * parser, lftp, FileZilla): mode, links, owner, group, size, date, name. Dates are UTC (as
 * ProFTPD's TimesGMT default); older than six months, or in the future, show the year.
 */
public final class LsFormat {
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final long SIX_MONTHS_SECONDS = 182L * 24 * 3600;

    private final Instant now;

    public LsFormat(Instant now) {
        this.now = now;
    }

    public String line(FileEntry e) {
        StringBuilder out = new StringBuilder(80);
        out.append(modeString(e));
        // The layout of " %3d %-8s %-8s %13d ", without String.format's cost on 10,000-entry listings.
        out.append(' ');
        padLeft(out, Long.toString(e.links()), 3);
        out.append(' ');
        padRight(out, e.owner(), 8);
        out.append(' ');
        padRight(out, e.group(), 8);
        out.append(' ');
        padLeft(out, Long.toString(e.size()), 13);
        out.append(' ');
        long age = now.getEpochSecond() - e.modified().getEpochSecond();
        out.append(age < 0 || age > SIX_MONTHS_SECONDS ? OLD.format(e.modified()) : RECENT.format(e.modified()));
        out.append(' ').append(e.name());
        return out.toString();
    }

    private static void padLeft(StringBuilder out, String text, int width) {
        out.repeat(' ', Math.max(0, width - text.length())).append(text);
    }

    private static void padRight(StringBuilder out, String text, int width) {
        out.append(text).repeat(' ', Math.max(0, width - text.length()));
    }

    static String modeString(FileEntry e) {
        int mode = e.mode() >= 0 ? e.mode() : (e.isDirectory() ? 0755 : 0644);
        char[] s = new char[10];
        s[0] = switch (e.kind()) {
            case DIRECTORY -> 'd';
            case FILE -> '-';
            case OTHER -> 'p';
        };
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s[i + 1] = (mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-';
        }
        if ((mode & 04000) != 0) {
            s[3] = s[3] == 'x' ? 's' : 'S';
        }
        if ((mode & 02000) != 0) {
            s[6] = s[6] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            s[9] = s[9] == 'x' ? 't' : 'T';
        }
        return new String(s);
    }
}
