package dev.ferry.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the records of the dev.ferry loggers at INFO and above while attached, as
 * "LEVEL message" lines, for tests that assert what the server log says. Records still reach the
 * console as well.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.ferry");
    private final List<String> lines = new ArrayList<>();
    private Level oldLevel;

    private LogCapture() {
    }

    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.setContext(capture.logger.getLoggerContext());
        capture.start();
        capture.oldLevel = capture.logger.getLevel();
        if (!capture.logger.isInfoEnabled()) {
            capture.logger.setLevel(Level.INFO);
        }
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    /** Every line so far; doAppend holds the appender's lock, so this sees every record. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every message so far, without its level. */
    public List<String> messages() {
        return lines().stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    /** The lines of {@code level} ("WARN", "ERROR", ...), without the level. */
    public List<String> at(String level) {
        return lines().stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(oldLevel);
        stop();
    }
}
