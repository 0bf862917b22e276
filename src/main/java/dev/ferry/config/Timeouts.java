package dev.ferry.config;

import java.time.Duration;

/**
 * Every timer a session runs. Zero disables a timer.
 *
 * @param login        from connect until a successful login (ProFTPD TimeoutLogin)
 * @param idle         no command while no transfer is running (TimeoutIdle, Pure-FTPd -I)
 * @param stalled      a running transfer moves no byte (TimeoutStalled)
 * @param noTransfer   logged in, but no transfer started or listing sent (TimeoutNoTransfer)
 * @param dataConnect  waiting for the data connection after PASV/PORT
 * @param shutdownGrace how long running transfers may finish when the server stops
 */
public record Timeouts(Duration login, Duration idle, Duration stalled, Duration noTransfer, Duration dataConnect,
                       Duration shutdownGrace) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(30));

    public Timeouts {
        for (Duration d : new Duration[] {login, idle, stalled, noTransfer, dataConnect, shutdownGrace}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeouts must not be negative");
            }
        }
    }

    /** Timers without a no-transfer timeout. */
    public Timeouts(Duration login, Duration idle, Duration stalled, Duration dataConnect, Duration shutdownGrace) {
        this(login, idle, stalled, Duration.ZERO, dataConnect, shutdownGrace);
    }
}
