package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ferry.log.LogText;
import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Catalogue O3/O4 and SEC-PROTO-06/08: failing commands answer without host paths, Java
 * exception names or stack traces; the log never holds a password and every record stays a
 * single line with client-supplied control characters escaped.
 */
class InformationLeakTest {
    @TempDir
    Path temp;
    Jail jail;

    @AfterEach
    void stop() {
        if (jail != null) {
            jail.close();
        }
    }

    @Test
    void failingCommandsLeakNothing() {
        jail = Jail.start(temp);
        List<String> failing = List.of(
                "RETR missing.txt", "RETR sub", "RETR /etc/passwd", "STOR nodir/x.txt", "STOR sub", "APPE sub",
                "CWD keep.txt", "CWD missing", "MKD sub", "MKD nodir/x", "RMD sub", "RMD keep.txt", "RMD /",
                "DELE sub", "DELE missing", "DELE /", "RNTO x", "RNFR missing", "SITE CHMOD 7777 keep.txt",
                "SITE CHMOD abc keep.txt", "SITE CHMOD 644 missing", "SITE CHMOD", "SITE EXEC id",
                "SITE COPY keep.txt x", "MFMT garbage keep.txt", "MFMT 99999999999999 keep.txt",
                "MFMT 20201301010101 keep.txt", "MDTM 20201301010101 keep.txt", "MDTM missing",
                "REST -1", "REST 9223372036854775808", "REST 99999999999999999999999", "REST 0x10",
                "REST 10.1", "REST str", "TYPE Z", "TYPE A X", "MODE Q", "STRU R", "OPTS UTF8 MAYBE",
                "PORT 1,2,3", "PORT 999,1,1,1,1,1", "EPRT |9|x|1|", "EPRT garbage", "SIZE sub", "SIZE missing",
                "MLSD keep.txt", "MLSD missing", "MLST missing", "STAT missing", "LIST missing",
                "NLST missing", "AVBL keep.txt", "AVBL missing", "SMNT /", "PASS again", "FOO bar",
                "\u00ff\u00fe", "RETR a\u0000b", "STOR ../../" + "x".repeat(300));
        List<RawReply> all = new ArrayList<>();
        try (RawFtpClient c = jail.alice()) {
            for (String command : failing) {
                Exchange x = Jail.run(c, command);
                all.addAll(x.replies());
                assertThat(x.code()).as(command + " -> " + x.replies()).isGreaterThanOrEqualTo(400).isNotEqualTo(451);
                jail.assertNoLeak(command, x.replies());
            }
            assertThat(c.command("REST 1000").code()).isEqualTo(350);
            Exchange beyond = Jail.run(c, "RETR keep.txt");
            assertThat(beyond.code()).isEqualTo(554);
            jail.assertNoLeak("REST beyond end", beyond.replies());
            for (String command : List.of("ALLO 99999999999999999999", "HELP ACIDBITCHEZ", "HELP " + "x".repeat(300),
                    "SITE HELP", "STAT", "FEAT", "SYST", "USER x:)")) {
                RawReply reply = c.command(command);
                assertThat(reply.code()).as(command).isNotEqualTo(451).isNotEqualTo(421);
                jail.assertNoLeak(command, List.of(reply));
            }
            assertThat(c.command("NOOP").all()).isEqualTo("200 NOOP ok");
        }
        assertThat(all).isNotEmpty();
    }

    /** SEC-LINK-10: a FIFO is refused at once, never opened (which would block a worker). */
    @Test
    void fifoIsRefusedWithoutHanging() throws Exception {
        jail = Jail.start(temp);
        Path fifo = jail.home().resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo not available");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        try (RawFtpClient c = jail.alice()) {
            Exchange retr = Jail.run(c, "RETR fifo");
            assertThat(retr.code()).isEqualTo(550);
            jail.assertNoLeak("RETR fifo", retr.replies());
            Exchange stor = Jail.run(c, "STOR fifo");
            assertThat(stor.code()).isEqualTo(550);
            Exchange appe = Jail.run(c, "APPE fifo");
            assertThat(appe.code()).isEqualTo(550);
            assertThat(Jail.run(c, "LIST").code()).isEqualTo(226);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void passwordsAreMaskedInLoggedCommands() {
        assertThat(LogText.command("PASS", "x")).isEqualTo("PASS ****");
        assertThat(LogText.command("PASS", "alice-secret")).doesNotContain("alice-secret");
        assertThat(LogText.command("PASS", "")).isEqualTo("PASS ****");
        assertThat(LogText.command("pass", "hunter2")).doesNotContain("hunter2");
        assertThat(LogText.command("", "PASS hunter2")).doesNotContain("hunter2");
        assertThat(LogText.command("PASS\tHUNTER2", "")).doesNotContainIgnoringCase("hunter2");
        assertThat(LogText.command("USER", "alice")).isEqualTo("USER alice");
        assertThat(LogText.command("PASV", "")).isEqualTo("PASV");
    }

    @Test
    void escapeKeepsEveryRecordOnOneHarmlessLine() {
        String hostile = "a\r\nFAKE 230 logged in\u001b[2J\u0000\u007f\u0085\u009b31m\u2028\u2029\u202eevil\\x0d";
        String escaped = LogText.escape(hostile);
        assertThat(escaped).doesNotContain("\r", "\n", "\u001b", "\u0000", "\u007f", "\u0085", "\u009b", "\u2028",
                "\u2029", "\u202e");
        assertThat(escaped).contains("\\x0d\\x0a", "\\x1b[2J", "\\x00", "\\x7f", "\\x85", "\\x9b", "\\u2028",
                "\\u202e");
        // A backslash the client sent cannot pass for an escape the server wrote.
        assertThat(escaped).endsWith("evil\\\\x0d");
        assertThat(LogText.escape("plain name.txt")).isEqualTo("plain name.txt");
        assertThat(LogText.escape("ünïcödé 日本")).isEqualTo("ünïcödé 日本");
        String longText = LogText.escape("y".repeat(10_000));
        assertThat(longText.length()).isLessThan(600);
        assertThat(longText).endsWith("...");
    }

    /** The real server's log records, captured while clients send passwords and hostile names. */
    @Test
    void serverLogNeverHoldsAPasswordOrARawControlCharacter() {
        jail = Jail.start(temp, b -> b.anonymous(Optional.empty()));
        String wrong = "Wrong-Password-7f3a";
        Capture capture = Capture.attach();
        try {
            try (RawFtpClient c = jail.server().raw()) {
                assertThat(c.command("USER alice").code()).isEqualTo(331);
                assertThat(c.command("PASS " + wrong).code()).isEqualTo(530);
                assertThat(c.command("USER evil\u001b[31m\u0085name\u2028x").code()).isEqualTo(331);
                assertThat(c.command("PASS " + wrong + "2").code()).isEqualTo(530);
                assertThat(c.command(" PASS " + wrong + "3").code()).isEqualTo(500);
            }
            try (RawFtpClient c = jail.server().raw()) {
                c.login("alice", "alice-secret");
                assertThat(c.command("CWD evil\rname").code()).isEqualTo(553);
                assertThat(c.command("CLNT hostile\u001b]0;title\u0007client").code()).isLessThan(400);
                Exchange odd = Jail.run(c, "RETR missing\u009b1m");
                assertThat(odd.code()).as(odd.replies().toString()).isEqualTo(550);
            }
            try (RawFtpClient c = jail.server().raw()) {
                c.login("anonymous", "guest\u001b[2J@example.com\rInjected line");
            }
        } finally {
            capture.detach();
        }
        List<String> messages = capture.messages();
        assertThat(messages).as("the capture works").anyMatch(m -> m.contains("PASS ****"));
        assertThat(messages).anyMatch(m -> m.contains("login failed"));
        for (String message : messages) {
            assertThat(message).doesNotContain(wrong, "alice-secret");
            assertThat(message).as(message).doesNotContain("\r", "\n", "\u001b", "\u0007", "\u0085", "\u009b",
                    "\u2028");
        }
    }

    /** Collects formatted messages of every dev.ferry logger, at DEBUG, for one test. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.ferry");
        private final List<String> messages = new ArrayList<>();
        private Level oldLevel;
        private boolean oldAdditive;

        static Capture attach() {
            Capture c = new Capture();
            c.setContext(c.logger.getLoggerContext());
            c.start();
            c.oldLevel = c.logger.getLevel();
            c.oldAdditive = c.logger.isAdditive();
            c.logger.addAppender(c);
            c.logger.setAdditive(false); // keep DEBUG records off the console
            c.logger.setLevel(Level.DEBUG);
            return c;
        }

        @Override
        protected void append(ILoggingEvent event) {
            messages.add(event.getFormattedMessage());
        }

        /** AppenderBase.doAppend is synchronized on the appender, so reading under it sees every record. */
        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        void detach() {
            logger.setLevel(oldLevel);
            logger.setAdditive(oldAdditive);
            logger.detachAppender(this);
            stop();
        }
    }
}
