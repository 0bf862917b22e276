package dev.ferry.log.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a transfer log: a file that was sent, received or deleted, as the formats of
 * {@link TransferLogFormat} need it. Client-supplied text (names, paths) is kept as given here;
 * each format escapes it so that one record stays one line.
 *
 * @param end         when the transfer finished (or the file was deleted)
 * @param duration    how long the data moved; zero for a deletion
 * @param session     the session's number, as in the server log
 * @param sessionStart when the session connected
 * @param client      the client's IP address (never a resolved name)
 * @param user        the login name
 * @param anonymous   whether the login is anonymous
 * @param file        where the file lies on the host (the jail's root joined with the path)
 * @param path        the path as the user sees it, inside their root
 * @param direction   upload, download or deletion
 * @param ascii       TYPE A (bytes counted as they crossed the network)
 * @param bytes       bytes moved over the data connection; for a deletion, the file's size
 * @param complete    whether the transfer ended with a 2xx reply
 */
public record TransferRecord(Instant end, Duration duration, long session, Instant sessionStart, String client,
                             String user, boolean anonymous, String file, String path, Direction direction,
                             boolean ascii, long bytes, boolean complete) {

    public TransferRecord {
        Objects.requireNonNull(end);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(sessionStart);
        Objects.requireNonNull(client);
        Objects.requireNonNull(user);
        Objects.requireNonNull(file);
        Objects.requireNonNull(path);
        Objects.requireNonNull(direction);
    }

    /** What happened to the file, with xferlog's letter for it. */
    public enum Direction {
        UPLOAD('i'), DOWNLOAD('o'), DELETE('d');

        private final char xferlog;

        Direction(char xferlog) {
            this.xferlog = xferlog;
        }

        char xferlogLetter() {
            return xferlog;
        }
    }

    /** Whole seconds, rounded, as every format but JSON writes the duration. */
    long roundedSeconds() {
        return (duration.toMillis() + 500) / 1000;
    }
}
