package dev.ferry.config.proftpd;

import dev.ferry.config.file.ConfigNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Argument parsing for directives; every failure names the directive and what it expected. */
final class Values {
    private Values() {
    }

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static void count(ConfigNode d, int min, int max) throws Invalid {
        int n = d.args().size();
        if (n < min || n > max) {
            String wanted = min == max ? (min == 1 ? "one argument" : min + " arguments")
                    : max == Integer.MAX_VALUE ? "at least " + min + " argument" + (min == 1 ? "" : "s")
                    : min + " to " + max + " arguments";
            throw new Invalid(d.name() + " takes " + wanted + ", got " + n);
        }
    }

    static String one(ConfigNode d) throws Invalid {
        count(d, 1, 1);
        return d.args().getFirst();
    }

    static boolean onOff(ConfigNode d) throws Invalid {
        return onOff(d.name(), one(d));
    }

    static boolean onOff(String name, String value) throws Invalid {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "1" -> true;
            case "off", "no", "false", "0" -> false;
            default -> throw new Invalid(name + " takes on or off, not '" + value + "'");
        };
    }

    static int count(ConfigNode d, String value, int min) throws Invalid {
        try {
            int n = Integer.parseInt(value);
            if (n < min) {
                throw new Invalid(d.name() + " must be at least " + min + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Invalid(d.name() + " takes a number, not '" + value + "'");
        }
    }

    /** Seconds, as ProFTPD's Timeout* directives; 0 disables. */
    static Duration seconds(ConfigNode d) throws Invalid {
        count(d, 1, 1);
        return Duration.ofSeconds(count(d, d.args().getFirst(), 0));
    }

    static int octal(ConfigNode d, String value) throws Invalid {
        if (!value.matches("0?[0-7]{1,3}")) {
            throw new Invalid(d.name() + " takes an octal mask such as 022, not '" + value + "'");
        }
        return Integer.parseInt(value, 8);
    }

    /** {@code number [B|KB|MB|GB|TB]} or {@code *} for no limit (ProFTPD MaxStoreFileSize). */
    static long size(ConfigNode d) throws Invalid {
        count(d, 1, 2);
        List<String> a = d.args();
        if (a.size() == 1 && a.getFirst().equals("*")) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(a.getFirst());
        } catch (NumberFormatException e) {
            throw new Invalid(d.name() + " takes a size such as '10 MB', or '*', not '" + a.getFirst() + "'");
        }
        long unit = a.size() == 1 ? 1 : switch (a.get(1).toUpperCase(Locale.ROOT)) {
            case "B" -> 1L;
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            default -> throw new Invalid(d.name() + " unit must be B, KB, MB, GB or TB, not '" + a.get(1) + "'");
        };
        if (n < 0) {
            throw new Invalid(d.name() + " must not be negative");
        }
        return Math.multiplyHigh(n, unit) != 0 ? Long.MAX_VALUE : n * unit;
    }

    static Pattern regex(ConfigNode d) throws Invalid {
        try {
            return Pattern.compile(one(d));
        } catch (PatternSyntaxException e) {
            throw new Invalid(d.name() + " has an invalid regular expression: " + e.getDescription());
        }
    }
}
