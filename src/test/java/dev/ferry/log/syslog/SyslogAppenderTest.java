package dev.ferry.log.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The syslog sink: the datagram form, delivery, and standard output while the daemon is missing. */
class SyslogAppenderTest {
    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("dev.ferry.session.Session");

    private ILoggingEvent event(Level level, String message) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, null, null);
        e.setMDCPropertyMap(Map.of("session", "42", "client", "192.0.2.1"));
        return e;
    }

    private ListAppender<ILoggingEvent> fallback() {
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.setContext(context);
        list.start();
        return list;
    }

    @Test
    void eventsGoAsOneDatagramEachWithFacilityAndSeverity() throws Throwable {
        Path socket = dir.resolve("log");
        try (DatagramSink sink = new DatagramSink(socket)) {
            ListAppender<ILoggingEvent> fallback = fallback();
            SyslogAppender appender = new SyslogAppender(new SyslogTarget(SyslogFacility.FTP, socket), fallback);
            appender.setContext(context);
            appender.start();
            assertThat(appender.connected()).isTrue();
            appender.doAppend(event(Level.INFO, "user alice logged in\nsecond line"));
            appender.doAppend(event(Level.ERROR, "disk full"));
            appender.doAppend(event(Level.DEBUG, "detail"));
            long pid = ProcessHandle.current().pid();
            // ftp is facility 11: info 11*8+6, err 11*8+3, debug 11*8+7
            assertThat(sink.receive(Duration.ofSeconds(5)).orElseThrow())
                    .matches("<94>[A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d ferry\\[" + pid
                            + "\\]: \\[42\\] 192\\.0\\.2\\.1 Session: user alice logged in second line");
            assertThat(sink.receive(Duration.ofSeconds(5)).orElseThrow()).startsWith("<91>").endsWith("disk full");
            assertThat(sink.receive(Duration.ofSeconds(5)).orElseThrow()).startsWith("<95>");
            assertThat(fallback.list).isEmpty();
            appender.stop();
        }
    }

    @Test
    void withoutADaemonEventsGoToTheFallbackAndReachTheDaemonOnceItIsBack() throws Throwable {
        Path socket = dir.resolve("log");
        ListAppender<ILoggingEvent> fallback = fallback();
        SyslogAppender appender = new SyslogAppender(new SyslogTarget(SyslogFacility.LOCAL3, socket), fallback);
        appender.setContext(context);
        appender.start();
        assertThat(appender.connected()).isFalse();
        appender.doAppend(event(Level.WARN, "nobody listens"));
        assertThat(fallback.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("nobody listens");

        try (DatagramSink sink = new DatagramSink(socket)) {
            // the socket is tried again at most every 10 s: until then events keep going to the fallback
            appender.doAppend(event(Level.WARN, "still early"));
            assertThat(fallback.list).hasSize(2);
            appender.stop();
            appender = new SyslogAppender(new SyslogTarget(SyslogFacility.LOCAL3, socket), fallback);
            appender.setContext(context);
            appender.start();
            appender.doAppend(event(Level.WARN, "back"));
            assertThat(sink.receive(Duration.ofSeconds(5)).orElseThrow()).startsWith("<156>").endsWith("back");
        }
        // the daemon went away: the next event finds its socket gone and falls back at once
        Files.deleteIfExists(socket);
        appender.doAppend(event(Level.WARN, "gone again"));
        assertThat(fallback.list).extracting(ILoggingEvent::getFormattedMessage).endsWith("gone again");
        appender.stop();
    }

    @Test
    void facilitiesByNameInAnyCaseWithOrWithoutThePrefix() {
        assertThat(SyslogFacility.parse("ftp")).isEqualTo(SyslogFacility.FTP);
        assertThat(SyslogFacility.parse("LOG_LOCAL7").code()).isEqualTo(23);
        assertThat(SyslogFacility.parse(" Daemon ").code()).isEqualTo(3);
        assertThatThrownBy(() -> SyslogFacility.parse("ftpd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown syslog facility 'ftpd'; the facilities are auth, authpriv");
    }
}
