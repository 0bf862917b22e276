package dev.ferry.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 3659 §2.3 time-val: {@code YYYYMMDDHHMMSS[.sss]}, always UTC. Fields outside the ranges
 * §2.3 gives (year 1000-9999, month 01-12, a day that exists in that month, hour 00-23, minute
 * 00-59, second 00-60) make the value invalid; they are not rolled into the next field.
 */
public final class TimeVal {
    public static final Pattern PATTERN = Pattern.compile("\\d{14}(\\.\\d{1,9})?");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    // STRICT: the default SMART resolver would turn Feb 30 into Feb 29 and 24:00:00 into the next
    // day, so MFMT would set a time the client never asked for instead of answering 501.
    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MIN_YEAR = 1000;

    private TimeVal() {
    }

    public static String format(Instant time) {
        return FORMAT.format(time);
    }

    /** @return null when the text is not a valid time-val */
    public static Instant parse(String text) {
        if (!PATTERN.matcher(text).matches() || Integer.parseInt(text.substring(0, 4)) < MIN_YEAR) {
            return null;
        }
        String whole = text.substring(0, 14);
        // §2.3 allows second 60 for a leap second; Java time has none, so it is the next second.
        boolean leapSecond = whole.endsWith("60");
        if (leapSecond) {
            whole = whole.substring(0, 12) + "59";
        }
        try {
            Instant instant = LocalDateTime.parse(whole, PARSE).toInstant(ZoneOffset.UTC);
            if (leapSecond) {
                instant = instant.plusSeconds(1);
            }
            if (text.length() > 15) {
                String fraction = (text.substring(15) + "000000000").substring(0, 9);
                instant = instant.plusNanos(Long.parseLong(fraction));
            }
            return instant;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
