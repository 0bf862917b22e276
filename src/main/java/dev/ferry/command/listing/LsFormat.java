package dev.ferry.command.listing;

import dev.ferry.fs.FileEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * One {@code ls -l} line, the de-facto format for LIST that clients parse (Commons Net's UNIX
 * parser, lftp, FileZilla): mode, links, owner, group, size, date, name. Dates are UTC (as
 * ProFTPD's TimesGMT default) or, with {@code TimesGMT off}, in the server's time zone; older
 * than six months, or in the future, show the year.
 *
 * <p>Lines are built by hand rather than with {@code String.format} or a
 * {@link DateTimeFormatter} per line: a 10,000-entry listing is formatted on a server that has
 * often not warmed up yet, where those cost more than the directory read. Entries of one
 * directory tend to share their minute, so the last date text is kept.
 */
public final class LsFormat {
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final long SIX_MONTHS_SECONDS = 182L * 24 * 3600;
    private static final String RWX = "rwxrwxrwx";

    private final long now;
    private final ZoneRules zone;
    private final DateTimeFormatter oldFormat;
    /** The last date shown; immutable, so an instance shared between threads stays correct. */
    private DateText last = new DateText(Long.MIN_VALUE, "");

    /** @param key the minute (recent) or the negated day plus one (old) the text stands for */
    private record DateText(long key, String text) {
    }

    /** Dates in UTC. */
    public LsFormat(Instant now) {
        this(now, ZoneOffset.UTC);
    }

    /** Dates in {@code zone}: UTC, or the server's zone for {@code TimesGMT off}. */
    public LsFormat(Instant now, ZoneId zone) {
        this.now = now.getEpochSecond();
        this.zone = zone.getRules();
        this.oldFormat = OLD.withZone(zone);
    }

    public String line(FileEntry e) {
        String owner = e.owner();
        String group = e.group();
        String name = e.name();
        StringBuilder out = new StringBuilder(58 + owner.length() + group.length() + name.length());
        appendMode(out, e);
        // The layout of " %3d %-8s %-8s %13d ", without String.format's cost on 10,000-entry listings.
        out.append(' ');
        padLeft(out, e.links(), 3);
        out.append(' ');
        padRight(out, owner, 8);
        out.append(' ');
        padRight(out, group, 8);
        out.append(' ');
        padLeft(out, e.size(), 13);
        out.append(' ').append(date(e.modified())).append(' ').append(name);
        return out.toString();
    }

    private String date(Instant modified) {
        long seconds = modified.getEpochSecond();
        long age = now - seconds;
        boolean old = age < 0 || age > SIX_MONTHS_SECONDS;
        long local = seconds + (zone.isFixedOffset() ? zone.getOffset(Instant.EPOCH) : zone.getOffset(modified))
                .getTotalSeconds();
        long key = old ? -Math.floorDiv(local, 86_400) - 1 : Math.floorDiv(local, 60);
        DateText cached = last;
        if (cached.key() == key) {
            return cached.text();
        }
        String text = old ? oldDate(local, modified) : recentDate(local);
        last = new DateText(key, text);
        return text;
    }

    /** "MMM dd HH:mm" of a local time given as seconds since the epoch. */
    private static String recentDate(long local) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(12).append(MONTHS[t.getMonthValue() - 1]).append(' ');
        twoDigits(s, t.getDayOfMonth()).append(' ');
        twoDigits(s, t.getHour()).append(':');
        return twoDigits(s, t.getMinute()).toString();
    }

    /** "MMM dd  yyyy"; years without four digits are left to the formatter's sign and padding rules. */
    private String oldDate(long local, Instant modified) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return oldFormat.format(modified);
        }
        StringBuilder s = new StringBuilder(12).append(MONTHS[t.getMonthValue() - 1]).append(' ');
        return twoDigits(s, t.getDayOfMonth()).append("  ").append(t.getYear()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void padLeft(StringBuilder out, long value, int width) {
        out.repeat(' ', Math.max(0, width - digits(value))).append(value);
    }

    private static int digits(long value) {
        if (value < 0) {
            return Long.toString(value).length();
        }
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }

    private static void padRight(StringBuilder out, String text, int width) {
        out.append(text).repeat(' ', Math.max(0, width - text.length()));
    }

    private static void appendMode(StringBuilder out, FileEntry e) {
        int mode = e.mode() >= 0 ? e.mode() : (e.isDirectory() ? 0755 : 0644);
        out.append(switch (e.kind()) {
            case DIRECTORY -> 'd';
            case FILE -> '-';
            case OTHER -> 'p';
        });
        for (int i = 0; i < 9; i++) {
            char c = (mode & (1 << (8 - i))) != 0 ? RWX.charAt(i) : '-';
            if (i == 2 && (mode & 04000) != 0 || i == 5 && (mode & 02000) != 0) {
                c = c == 'x' ? 's' : 'S';
            } else if (i == 8 && (mode & 01000) != 0) {
                c = c == 'x' ? 't' : 'T';
            }
            out.append(c);
        }
    }
}
