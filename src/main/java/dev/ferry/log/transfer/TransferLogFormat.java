package dev.ferry.log.transfer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The layouts a transfer log can have: those of Pure-FTPd's {@code -O} ({@code AltLog}) and
 * ProFTPD's {@code TransferLog}, which log analysers already read, and one JSON object per
 * line. Each record becomes at most one line; a format that has no way to say what happened
 * (a deletion in CLF, say) writes nothing for it.
 */
public enum TransferLogFormat {

    /**
     * xferlog(5), as wu-ftpd, ProFTPD and Pure-FTPd write it: local time, seconds, host, bytes,
     * file, type, action flag, direction (i, o, d), access (a, r), user, service, authentication
     * method, authenticated user id, completion (c, i).
     */
    XFERLOG("xferlog") {
        @Override
        Optional<String> line(TransferRecord r, ZoneId zone) {
            return Optional.of(CTIME.format(r.end().atZone(zone)) + ' ' + r.roundedSeconds() + ' ' + r.client() + ' '
                    + r.bytes() + ' ' + LogFields.word(r.file(), "_") + ' ' + (r.ascii() ? 'a' : 'b') + " _ "
                    + r.direction().xferlogLetter() + ' ' + (r.anonymous() ? 'a' : 'r') + ' '
                    + LogFields.word(r.user(), "*") + " ftp 0 * " + (r.complete() ? 'c' : 'i') + '\n');
        }
    },

    /**
     * The common log format of web servers, so that web statistics programs read it: host,
     * user, local time, "GET file" or "PUT file", 200, bytes. Completed transfers only.
     */
    CLF("clf") {
        @Override
        Optional<String> line(TransferRecord r, ZoneId zone) {
            if (!r.complete() || r.direction() == TransferRecord.Direction.DELETE) {
                return Optional.empty();
            }
            return Optional.of(r.client() + " - " + LogFields.word(r.user(), "-") + " ["
                    + CLF_TIME.format(r.end().atZone(zone)) + "] \""
                    + (r.direction() == TransferRecord.Direction.UPLOAD ? "PUT " : "GET ")
                    + LogFields.urlEncoded(r.file()) + "\" 200 " + r.bytes() + '\n');
        }
    },

    /**
     * Pure-FTPd's "stats" format, for FTPStats and ModLogAn: Unix time, session (start time
     * and number in hex), user, host, U or D, bytes, seconds, file. Completed transfers only.
     */
    STATS("stats") {
        @Override
        Optional<String> line(TransferRecord r, ZoneId zone) {
            if (!r.complete() || r.direction() == TransferRecord.Direction.DELETE) {
                return Optional.empty();
            }
            return Optional.of(r.end().getEpochSecond() + " " + Long.toHexString(r.sessionStart().getEpochSecond())
                    + '.' + Long.toHexString(r.session()) + ' ' + LogFields.word(r.user(), "-") + ' ' + r.client()
                    + ' ' + (r.direction() == TransferRecord.Direction.UPLOAD ? 'U' : 'D') + ' ' + r.bytes() + ' '
                    + r.roundedSeconds() + ' ' + LogFields.word(r.file(), "_") + '\n');
        }
    },

    /**
     * The W3C extended log format, with the fields its header names; times in UTC, as the
     * format requires. Completed transfers only.
     */
    W3C("w3c") {
        @Override
        Optional<String> line(TransferRecord r, ZoneId zone) {
            if (!r.complete() || r.direction() == TransferRecord.Direction.DELETE) {
                return Optional.empty();
            }
            return Optional.of(W3C_TIME.format(r.end()) + ' ' + r.client() + ' '
                    + (r.direction() == TransferRecord.Direction.UPLOAD ? "[]created " : "[]sent ")
                    + LogFields.urlEncoded(r.file()) + " 226 " + LogFields.word(r.user(), "-") + ' ' + r.bytes()
                    + '\n');
        }

        @Override
        public Optional<String> header(Instant now) {
            return Optional.of("#Software: Ferry\n#Version: 1.0\n#Date: " + W3C_TIME.format(now) + '\n'
                    + "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes\n");
        }
    },

    /** One JSON object per line, every field named, times in UTC with milliseconds. */
    JSON("json") {
        @Override
        Optional<String> line(TransferRecord r, ZoneId zone) {
            return Optional.of("{\"time\":\"" + DateTimeFormatter.ISO_INSTANT.format(r.end().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS)) + "\",\"session\":" + r.session()
                    + ",\"client\":" + LogFields.jsonString(r.client())
                    + ",\"user\":" + LogFields.jsonString(r.user()) + ",\"anonymous\":" + r.anonymous()
                    + ",\"direction\":\"" + r.direction().name().toLowerCase(Locale.ROOT) + '"'
                    + ",\"file\":" + LogFields.jsonString(r.file()) + ",\"path\":" + LogFields.jsonString(r.path())
                    + ",\"type\":\"" + (r.ascii() ? "ascii" : "binary") + "\",\"bytes\":" + r.bytes()
                    + ",\"seconds\":" + String.format(Locale.ROOT, "%.3f", r.duration().toNanos() / 1e9)
                    + ",\"complete\":" + r.complete() + "}\n");
        }
    };

    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter W3C_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String label;

    TransferLogFormat(String label) {
        this.label = label;
    }

    /** The record as one line, newline included; empty when this format does not log such a record. */
    abstract Optional<String> line(TransferRecord record, ZoneId zone);

    /** What a new, empty log file starts with. */
    public Optional<String> header(Instant now) {
        return Optional.empty();
    }

    /** The name used in {@code FORMAT:FILE}: xferlog, clf, stats, w3c or json. */
    public String label() {
        return label;
    }

    /**
     * The format a name stands for, in any case.
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static TransferLogFormat named(String name) {
        for (TransferLogFormat f : values()) {
            if (f.label.equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + name + "'; the formats are xferlog, clf, stats, "
                + "w3c and json");
    }
}
