package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-AUTH-01, SEC-AUTH-08 and SEC-PRIV-03/04/06 (catalogue §B, §F): nothing touches storage
 * before login, login commands keep their order, SITE CHMOD cannot set set-id or sticky bits,
 * ownership cannot be changed, and no command (or known backdoor trigger) runs anything.
 */
class PrivilegeTest {
    @TempDir
    static Path temp;
    static Jail jail;

    @BeforeAll
    static void start() {
        jail = Jail.start(temp);
    }

    @AfterAll
    static void stop() {
        jail.close();
    }

    @Test
    void nothingWorksBeforeLogin() {
        jail.resetHome();
        Map<String, String> home = jail.homeSnapshot();
        Map<String, String> outside = jail.outsideSnapshot();
        List<String> commands = List.of("LIST", "NLST", "RETR keep.txt", "STOR x", "APPE keep.txt", "STOU",
                "CWD /", "CDUP", "PWD", "PASV", "EPSV", "EPSV ALL", "PORT 127,0,0,1,200,1", "EPRT |1|127.0.0.1|51201|",
                "SIZE keep.txt", "MDTM keep.txt", "STAT /", "MLSD", "MLST keep.txt", "DELE keep.txt", "RNFR keep.txt",
                "RNTO y", "MKD d", "RMD sub", "SITE CHMOD 777 keep.txt", "SITE HELP", "MFMT 20010203040506 keep.txt",
                "REST 1", "TYPE I", "ALLO 10", "AVBL", "SMNT /", "ABOR");
        try (RawFtpClient c = jail.server().raw()) {
            for (String command : commands) {
                assertThat(c.command(command).code()).as(command).isEqualTo(530);
            }
            // What is allowed before login stays harmless.
            assertThat(c.command("NOOP").code()).isEqualTo(200);
            assertThat(c.command("SYST").code()).isEqualTo(215);
            assertThat(c.command("FEAT").code()).isEqualTo(211);
            assertThat(c.command("HELP").code()).isEqualTo(214);
            assertThat(c.command("PASS x").code()).as("PASS before USER").isEqualTo(503);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }
        assertThat(jail.homeSnapshot()).isEqualTo(home);
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
    }

    /** SEC-AUTH-08: after REIN the old identity is gone; a second PASS changes nothing. */
    @Test
    void reinForgetsTheUser() {
        try (RawFtpClient c = jail.alice()) {
            assertThat(c.command("PASS alice-secret").code()).isEqualTo(503);
            assertThat(c.command("USER bob").code()).isIn(503, 530);
            assertThat(c.command("PWD").code()).as("still alice").isEqualTo(257);
            assertThat(c.command("REIN").code()).isEqualTo(220);
            assertThat(c.command("PWD").code()).isEqualTo(530);
            assertThat(c.command("RETR keep.txt").code()).isEqualTo(530);
            assertThat(c.command("USER alice").code()).isEqualTo(331);
            assertThat(c.command("PASS wrong").code()).isEqualTo(530);
            assertThat(c.command("CWD /").code()).isEqualTo(530);
        }
    }

    @Test
    void chmodCannotSetSetIdOrStickyBits() throws IOException {
        jail.resetHome();
        Path keep = jail.home().resolve("keep.txt");
        String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(keep));
        Object modeBefore = Files.getAttribute(keep, "unix:mode"); // includes the set-id and sticky bits
        try (RawFtpClient c = jail.alice()) {
            for (String mode : List.of("4755", "2755", "6777", "1777", "7777", "04755")) {
                RawReply reply = c.command("SITE CHMOD " + mode + " keep.txt");
                assertThat(reply.code()).as(mode).isIn(501, 504, 550);
            }
            assertThat(c.command("SITE CHMOD 99 keep.txt").code()).isEqualTo(501);
            assertThat(c.command("SITE CHMOD -1 keep.txt").code()).isEqualTo(501);
            assertThat(c.command("SITE CHMOD 0x1ff keep.txt").code()).isEqualTo(501);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keep))).isEqualTo(before);
        assertThat(Files.getAttribute(keep, "unix:mode")).isEqualTo(modeBefore);
    }

    /** SEC-PRIV-04 and 06: no ownership changes, no command execution, no backdoor listener. */
    @Test
    void noOwnershipChangesAndNothingRuns() throws IOException {
        jail.resetHome();
        boolean port6200Before = listening(6200);
        Map<String, String> home = jail.homeSnapshot();
        try (RawFtpClient c = jail.alice()) {
            for (String command : List.of("SITE CHOWN root keep.txt", "SITE CHGRP wheel keep.txt", "SITE EXEC id",
                    "SITE EXEC /bin/sh -c id", "SITE CPFR keep.txt", "SITE CPTO copy.txt", "SITE COPY keep.txt c",
                    "SITE UTIME keep.txt 20010101000000", "SITE")) {
                RawReply reply = c.command(command);
                assertThat(reply.code()).as(command).isIn(500, 501, 502, 504, 550);
                assertThat(reply.all()).doesNotContain("uid=");
            }
            RawReply help = c.command("HELP ACIDBITCHEZ");
            assertThat(help.all()).doesNotContain("uid=");
        }
        try (RawFtpClient c = jail.server().raw()) {
            assertThat(c.command("USER x:)").code()).isEqualTo(331); // vsftpd 2.3.4 backdoor trigger
            assertThat(c.command("PASS x").code()).isEqualTo(530);
        }
        assertThat(listening(6200)).isEqualTo(port6200Before);
        assertThat(jail.homeSnapshot()).isEqualTo(home);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
