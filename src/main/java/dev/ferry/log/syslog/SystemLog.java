package dev.ferry.log.syslog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Where the process's event log goes: standard output (the default, and the journal under
 * systemd), or the local syslog daemon. One setting for the whole process, applied at start and
 * at every reload; setting what is already in effect changes nothing.
 */
public final class SystemLog {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Optional<SyslogTarget> current = Optional.empty();
    private static SyslogAppender syslog;

    private SystemLog() {
    }

    /**
     * Sends the event log to {@code target}, or back to standard output when empty.
     *
     * @return whether the syslog socket could be connected; true for standard output
     */
    public static boolean use(Optional<SyslogTarget> target) {
        Objects.requireNonNull(target);
        LOCK.lock();
        try {
            if (target.equals(current)) {
                return syslog == null || syslog.connected();
            }
            if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
                return target.isEmpty(); // another SLF4J binding: nothing to redirect
            }
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            Appender<ILoggingEvent> stdout = root.getAppender("STDOUT");
            if (stdout == null && syslog != null) {
                stdout = syslog.fallbackAppender();
            }
            SyslogAppender next = null;
            if (target.isPresent() && stdout != null) {
                next = new SyslogAppender(target.get(), stdout);
                next.setContext(context);
                next.start();
                root.addAppender(next);
                root.detachAppender(stdout);
            } else if (stdout != null && root.getAppender("STDOUT") == null) {
                root.addAppender(stdout);
            }
            if (syslog != null) {
                root.detachAppender(syslog);
                syslog.stop();
            }
            syslog = next;
            current = target;
            return next == null || next.connected();
        } finally {
            LOCK.unlock();
        }
    }
}
