package dev.ferry.log.syslog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Where the process's event log goes: standard output (the default, and the journal under
 * systemd), the local syslog daemon, or a file (ProFTPD's {@code SystemLog}). One setting for the
 * whole process, applied at start and at every reload; setting what is already in effect changes
 * nothing, except that a file is opened again at every reload, so that a reload after logrotate
 * moved it writes a new one.
 */
public final class SystemLog {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Optional<SyslogTarget> current = Optional.empty();
    private static SyslogAppender syslog;
    private static FileAppender<ILoggingEvent> file;
    /** Standard output's appender while a file takes its place. */
    private static Appender<ILoggingEvent> heldStdout;

    private SystemLog() {
    }

    /**
     * Sends the event log to {@code logFile} when given (it wins over syslog), else as
     * {@link #use(Optional)} says.
     *
     * @return whether the file could be opened or the syslog socket connected; true for standard output
     */
    public static boolean use(Optional<SyslogTarget> target, Optional<Path> logFile) {
        Objects.requireNonNull(logFile);
        LOCK.lock();
        try {
            if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
                return target.isEmpty() && logFile.isEmpty(); // another SLF4J binding: nothing to redirect
            }
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (file != null) { // leave the file first, standard output back in its place
                root.detachAppender(file);
                file.stop();
                file = null;
                if (heldStdout != null) {
                    root.addAppender(heldStdout);
                    heldStdout = null;
                }
            }
            if (logFile.isEmpty()) {
                return use(target);
            }
            use(Optional.empty());
            Path parent = logFile.get().toAbsolutePath().getParent();
            if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
                return false; // as ProFTPD: the log's directory is the administrator's to make, with its modes
            }
            Appender<ILoggingEvent> stdout = root.getAppender("STDOUT");
            FileAppender<ILoggingEvent> next = new FileAppender<>();
            next.setContext(context);
            next.setName("SYSTEMLOG");
            next.setFile(logFile.get().toString());
            next.setAppend(true);
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(stdout instanceof OutputStreamAppender<ILoggingEvent> o
                    && o.getEncoder() instanceof PatternLayoutEncoder p ? p.getPattern() : DEFAULT_PATTERN);
            encoder.start();
            next.setEncoder(encoder);
            next.start();
            if (!next.isStarted()) {
                return false; // cannot write there: the log stays where it was
            }
            root.addAppender(next);
            if (stdout != null) {
                root.detachAppender(stdout);
                heldStdout = stdout;
            }
            file = next;
            return true;
        } finally {
            LOCK.unlock();
        }
    }

    private static final String DEFAULT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%X{session:-server}] %X{client:--} %logger{0}: %msg%n";

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
