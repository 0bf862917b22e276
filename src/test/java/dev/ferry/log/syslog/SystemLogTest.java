package dev.ferry.log.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.cli.ServeSwitches;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.server.FtpServer;
import dev.ferry.testkit.RawFtpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The process's event log moved to syslog or a file (ProFTPD's SystemLog) by a server's configuration, and back. */
class SystemLogTest {
    @TempDir
    Path dir;

    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    /** The tests' log level is WARN; the login line is INFO. */
    private final Logger logins = ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger("dev.ferry.command.auth.PassHandler");

    @AfterEach
    void backToStandardOutput() {
        SystemLog.use(Optional.empty(), Optional.empty());
        logins.setLevel(null);
    }

    @Test
    void aServerWithSyslogSendsItsEventsThereInsteadOfStandardOutput() throws Throwable {
        Path socket = dir.resolve("dev-log");
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.defaultHome("alice"));
        ServeSwitches switches = new ServeSwitches();
        new CommandLine(switches).parseArgs("-S", "127.0.0.1,0", "-f", "ftp");
        assertThat(switches.syslog()).contains(new SyslogTarget(SyslogFacility.FTP, Path.of("/dev/log")));
        FerryConfig config = FerryConfig.single(switches.build(data).server())
                .withSyslog(Optional.of(new SyslogTarget(SyslogFacility.FTP, socket)));
        try (DatagramSink sink = new DatagramSink(socket); UserStore users = SqliteUserStore.open(data.userDatabase())) {
            users.add(new StoredUser("alice", PasswordHasher.hash("alice-secret".toCharArray()), Optional.empty(), true,
                    UserLimits.NONE));
            FtpServer server = FtpServer.start(config, new AccountResolver(new AuthenticatorChain(
                    List.of(new VirtualUserAuthenticator(users, data, Optional.empty())))), false);
            try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", server.addresses().getFirst().getPort())) {
                assertThat(root.getAppender("STDOUT")).isNull();
                assertThat(root.getAppender("SYSLOG")).isNotNull();
                logins.setLevel(ch.qos.logback.classic.Level.INFO);
                client.login("alice", "alice-secret");
                assertThat(sink.receiveContaining("user alice logged in", Duration.ofSeconds(5)))
                        .hasValueSatisfying(line -> assertThat(line).startsWith("<94>").contains(" ferry[",
                                " 127.0.0.1 PassHandler: user alice logged in"));
            } finally {
                server.stop();
            }
        }
        assertThat(SystemLog.use(Optional.empty())).isTrue();
        assertThat(root.getAppender("STDOUT")).isNotNull();
        assertThat(root.getAppender("SYSLOG")).isNull();
    }

    @Test
    void switchingFacilitiesAndBackKeepsOneAppender() throws Throwable {
        Path socket = dir.resolve("dev-log");
        try (DatagramSink sink = new DatagramSink(socket)) {
            assertThat(SystemLog.use(Optional.of(new SyslogTarget(SyslogFacility.DAEMON, socket)))).isTrue();
            assertThat(SystemLog.use(Optional.of(new SyslogTarget(SyslogFacility.LOCAL0, socket)))).isTrue();
            LoggerFactory.getLogger(SystemLogTest.class).warn("to local0");
            assertThat(sink.receiveContaining("to local0", Duration.ofSeconds(5))).hasValueSatisfying(
                    line -> assertThat(line).startsWith("<132>")); // local0 = 16: 16*8+4
            assertThat(root.iteratorForAppenders()).toIterable().hasSize(1);
        }
        assertThat(SystemLog.use(Optional.of(new SyslogTarget(SyslogFacility.DAEMON, dir.resolve("nothing-here")))))
                .isFalse();
        SystemLog.use(Optional.empty());
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("STDOUT");
    }

    @Test
    void aSystemLogFileTakesTheEventsAndIsOpenedAgainAtEveryReload() throws Throwable {
        Path file = dir.resolve("proftpd.log");
        assertThat(SystemLog.use(Optional.empty(), Optional.of(file))).isTrue();
        assertThat(root.getAppender("STDOUT")).isNull();
        LoggerFactory.getLogger(SystemLogTest.class).warn("first line");
        assertThat(Files.readString(file)).contains("WARN", "SystemLogTest: first line");
        // logrotate moves the file away; the reload that follows writes a new one
        Path rotated = dir.resolve("proftpd.log.1");
        Files.move(file, rotated);
        assertThat(SystemLog.use(Optional.empty(), Optional.of(file))).isTrue();
        LoggerFactory.getLogger(SystemLogTest.class).warn("second line");
        assertThat(Files.readString(file)).contains("second line").doesNotContain("first line");
        assertThat(Files.readString(rotated)).doesNotContain("second line");
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("SYSTEMLOG");
        // the file wins over syslog; and without either the log is back on standard output
        assertThat(SystemLog.use(Optional.of(new SyslogTarget(SyslogFacility.DAEMON, dir.resolve("nothing-here"))),
                Optional.of(file))).isTrue();
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("SYSTEMLOG");
        assertThat(SystemLog.use(Optional.empty(), Optional.empty())).isTrue();
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("STDOUT");
        assertThat(SystemLog.use(Optional.empty(), Optional.of(dir.resolve("no-such-dir/x.log")))).isFalse();
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("STDOUT");
    }
}
