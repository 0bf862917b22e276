package dev.ferry.log.syslog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the event log goes instead of standard output: the local syslog daemon's socket, with
 * a facility.
 *
 * @param facility what the messages are filed under
 * @param socket   the daemon's datagram socket, {@code /dev/log} unless told otherwise
 */
public record SyslogTarget(SyslogFacility facility, Path socket) {
    public static final Path DEFAULT_SOCKET = Path.of("/dev/log");

    public SyslogTarget {
        Objects.requireNonNull(facility);
        Objects.requireNonNull(socket);
    }
}
