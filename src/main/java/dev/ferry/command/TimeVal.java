package dev.ferry.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3659 §2.3 time-val: {@code YYYYMMDDHHMMSS[.sss]}, always UTC. */
public final class TimeVal {
    public static final Pattern PATTERN = Pattern.compile("\\d{14}(\\.\\d{1,9})?");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimeVal() {
    }

    public static String format(Instant time) {
        return FORMAT.format(time);
    }

    /** @return null when the text is not a valid time-val */
    public static Instant parse(String text) {
        if (!PATTERN.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDateTime whole = LocalDateTime.parse(text.substring(0, 14), DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
            Instant instant = whole.toInstant(ZoneOffset.UTC);
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
