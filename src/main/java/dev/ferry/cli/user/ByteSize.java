package dev.ferry.cli.user;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte amounts as administrators write them: {@code 500000}, {@code 512K}, {@code 10M}, {@code 2GiB}. */
final class ByteSize {
    private static final Pattern AMOUNT = Pattern.compile("([0-9]{1,18})\\s*(?:([KMGT])(?:I?B)?|B)?");
    private static final String UNITS = "KMGT";

    private ByteSize() {
    }

    /** @throws IllegalArgumentException if {@code text} is not a non-negative amount that fits a long */
    static long parse(String text) {
        Matcher m = AMOUNT.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a byte amount (examples: 500000, 512K, 10M, 2G)");
        }
        long value = Long.parseLong(m.group(1));
        // Powers of 1024, as with every other tool that takes "10M" for a rate or a quota.
        int shift = m.group(2) == null ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
        if (shift > 0 && value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value << shift;
    }

    /** The shortest exact form: 1048576 is "1M", 1500 stays "1500". */
    static String format(long bytes) {
        int unit = -1;
        long value = bytes;
        while (value != 0 && value % 1024 == 0 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(bytes) : value + String.valueOf(UNITS.charAt(unit));
    }

    /** For picocli: a malformed amount is a usage error. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
