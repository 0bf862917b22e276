package dev.ferry.log.syslog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the event log to the local syslog daemon, one datagram per event in the form syslog(3)
 * writes to {@code /dev/log}: {@code <PRI>Mmm dd hh:mm:ss ferry[PID]: MESSAGE} (RFC 3164 §4.1,
 * without the host name the local daemon adds). Errors are sent as {@code err}, warnings as
 * {@code warning}, information as {@code info}, the rest as {@code debug}.
 *
 * <p>Nothing is lost when the daemon is missing or not reading: an event the socket does not
 * take goes to the fallback appender (standard output), and the socket is connected again at
 * most every {@link #RETRY_NANOS} nanoseconds.
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    static final int MAX_MESSAGE = 8192;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final SyslogTarget target;
    private final Appender<ILoggingEvent> fallback;
    private final PatternLayout layout = new PatternLayout();
    private final long pid = ProcessHandle.current().pid();
    private final ReentrantLock lock = new ReentrantLock();
    private UnixDatagramSocket socket;
    private long lastAttempt;
    private boolean reportedLoss;

    public SyslogAppender(SyslogTarget target, Appender<ILoggingEvent> fallback) {
        this.target = Objects.requireNonNull(target);
        this.fallback = Objects.requireNonNull(fallback);
        setName("SYSLOG");
    }

    @Override
    public void start() {
        layout.setContext(getContext());
        // the same fields as standard output, less the time and level the daemon records itself
        layout.setPattern("[%X{session:-server}] %X{client:--} %logger{0}: %msg%replace( %ex{short}){'\\s+', ' '}");
        layout.start();
        lock.lock();
        try {
            connect();
        } finally {
            lock.unlock();
        }
        super.start();
    }

    /** Where events go while the daemon's socket does not take them. */
    Appender<ILoggingEvent> fallbackAppender() {
        return fallback;
    }

    /** Whether the daemon's socket is connected now. */
    public boolean connected() {
        lock.lock();
        try {
            return socket != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = format(event);
        lock.lock();
        try {
            if (socket == null && System.nanoTime() - lastAttempt >= RETRY_NANOS) {
                connect();
            }
            if (socket != null && !socket.send(line)) {
                // the daemon may have restarted: its socket is a new one
                socket.close();
                socket = null;
                connect();
                if (socket != null && !socket.send(line)) {
                    socket.close();
                    socket = null;
                }
            }
            if (socket != null) {
                reportedLoss = false;
                return;
            }
        } finally {
            lock.unlock();
        }
        fallback.doAppend(event);
    }

    private void connect() {
        lastAttempt = System.nanoTime();
        try {
            socket = UnixDatagramSocket.connect(target.socket(), MAX_MESSAGE);
        } catch (IOException | RuntimeException | LinkageError e) {
            socket = null;
            if (!reportedLoss) {
                reportedLoss = true;
                System.err.println("ferry: syslog socket " + target.socket() + " unavailable (" + e.getMessage()
                        + "); logging to standard output until it is back");
            }
        }
    }

    byte[] format(ILoggingEvent event) {
        int severity = severity(event.getLevel());
        String stamp = STAMP.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(ZoneId.systemDefault()));
        String text = layout.doLayout(event).replace('\n', ' ').replace('\r', ' ').stripTrailing();
        return ("<" + (target.facility().code() * 8 + severity) + ">" + stamp + " ferry[" + pid + "]: " + text)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    @Override
    public void stop() {
        super.stop();
        lock.lock();
        try {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        } finally {
            lock.unlock();
        }
        layout.stop();
    }
}
