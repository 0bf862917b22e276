package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.server.ReloadOutcome;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer logs written by a running server: ProFTPD's {@code TransferLog} (xferlog, with
 * deletions) and Pure-FTPd's {@code -O FORMAT:FILE}; what a finished, an aborted and a refused
 * transfer leave in them; and a rotation followed by a reload.
 */
class TransferLogTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Fields 6 on of an xferlog line: the five fields of the date come first. */
    private static List<String> afterDate(String line) {
        String[] f = line.split(" ");
        return List.of(f).subList(5, f.length);
    }

    @Test
    void proftpdTransferLogRecordsUploadsDownloadsAndDeletionsAsXferlog() throws Exception {
        Path log = dir.resolve("xferlog");
        try (RulesServer server = RulesServer.fromConfig(dir, "TransferLog DIR/xferlog\nAllowOverwrite on\n");
             RawFtpClient alice = server.alice()) {
            TransferSupport.upload(alice, RawMode.PASV, "STOR up load.bin", new byte[3000]); // asserts the 226
            assertThat(lines(log)).hasSize(1); // written before the 226
            assertThat(RulesServer.run(alice, "RETR up load.bin").code()).isEqualTo(226);
            assertThat(RulesServer.run(alice, "LIST").code()).isEqualTo(226);
            assertThat(alice.command("DELE up load.bin").code()).isEqualTo(250);
            assertThat(alice.command("DELE missing.bin").code()).isEqualTo(550);

            String file = server.home().toRealPath().resolve("up_load.bin").toString();
            List<String> lines = lines(log);
            assertThat(lines).hasSize(3); // neither the listing nor the failed DELE
            assertThat(afterDate(lines.get(0))).containsExactly("0", "127.0.0.1", "3000", file, "b", "_", "i", "r",
                    "alice", "ftp", "0", "*", "c");
            assertThat(afterDate(lines.get(1))).containsExactly("0", "127.0.0.1", "3000", file, "b", "_", "o", "r",
                    "alice", "ftp", "0", "*", "c");
            assertThat(afterDate(lines.get(2))).containsExactly("0", "127.0.0.1", "3000", file, "b", "_", "d", "r",
                    "alice", "ftp", "0", "*", "c");
            assertThat(lines.get(0)).matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d \\d{4} .*");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        }
    }

    @Test
    void aRefusedTransferIsNotLoggedAndACutOneIsIncomplete() throws Exception {
        Path log = dir.resolve("xferlog");
        try (RulesServer server = RulesServer.fromConfig(dir, "TransferLog DIR/xferlog\nMaxStoreFileSize 1000\n");
             RawFtpClient alice = server.alice()) {
            assertThat(RulesServer.run(alice, "RETR nothing-here").code()).isEqualTo(550);
            RawReply cut;
            try (TransferSupport.DataLink link = RawMode.PASV.prepare(alice)) {
                assertThat(alice.command("STOR big.bin").code()).isEqualTo(150);
                try (var out = link.socket().getOutputStream()) {
                    out.write(new byte[5000]);
                } catch (java.io.IOException reset) {
                    // the server may close the data connection as soon as the limit is passed
                }
                cut = alice.read();
            }
            assertThat(cut.code()).as(cut.all()).isEqualTo(552);
            List<String> lines = lines(log);
            assertThat(lines).hasSize(1);
            assertThat(lines.getFirst()).endsWith(" i r alice ftp 0 * i");
        }
    }

    @Test
    void transferLogNoneWritesNothing() throws Exception {
        try (RulesServer server = RulesServer.fromConfig(dir, "TransferLog NONE\n");
             RawFtpClient alice = server.alice()) {
            TransferSupport.upload(alice, RawMode.PASV, "STOR a.bin", new byte[10]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "ferry.conf");
        }
    }

    @Test
    void pureFtpdAltLogsWriteEachFormatToItsFile() throws Exception {
        Path clf = dir.resolve("clf.log");
        Path json = dir.resolve("transfers.json");
        Path w3c = dir.resolve("w3c.log");
        try (RulesServer server = RulesServer.fromSwitches(dir, "-O", "clf:" + clf, "--altlog", "json:" + json,
                "-O", "w3c:" + w3c);
             RawFtpClient alice = server.alice()) {
            TransferSupport.upload(alice, RawMode.PASV, "STOR a.txt", new byte[7]);
            assertThat(RulesServer.run(alice, "RETR a.txt").code()).isEqualTo(226);
            String file = server.home().toRealPath().resolve("a.txt").toString();

            assertThat(lines(clf)).hasSize(2);
            assertThat(lines(clf).get(0)).matches("127\\.0\\.0\\.1 - alice \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:"
                    + "\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}] \"PUT " + file + "\" 200 7");
            assertThat(lines(clf).get(1)).contains("\"GET " + file + "\" 200 7");

            assertThat(lines(json)).hasSize(2);
            assertThat(lines(json).get(0)).startsWith("{\"time\":\"").contains("\"client\":\"127.0.0.1\"",
                    "\"user\":\"alice\"", "\"anonymous\":false", "\"direction\":\"upload\"",
                    "\"file\":\"" + file + "\"", "\"path\":\"/a.txt\"", "\"bytes\":7", "\"complete\":true");

            assertThat(lines(w3c)).hasSize(6);
            assertThat(lines(w3c).get(3)).isEqualTo(
                    "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes");
            assertThat(lines(w3c).get(4)).endsWith(" 127.0.0.1 []created " + file + " 226 alice 7");
        }
    }

    @Test
    void anonymousDownloadsAreMarkedAnonymous() throws Exception {
        Path log = dir.resolve("xferlog");
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "-O", "xferlog:" + log)) {
            Files.writeString(server.anonymousRoot().resolve("readme.txt"), "hello\n");
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.org");
                assertThat(RulesServer.run(anonymous, "RETR readme.txt").code()).isEqualTo(226);
            }
            // in TYPE A, as a client starts: the six bytes went out as seven, with CR LF
            assertThat(afterDate(lines(log).getFirst())).containsExactly("0", "127.0.0.1", "7",
                    server.anonymousRoot().toRealPath().resolve("readme.txt").toString(), "a", "_", "o", "a",
                    "anonymous", "ftp", "0", "*", "c");
        }
    }

    @Test
    void aReloadFollowsARotatedLog() throws Exception {
        Path log = dir.resolve("xferlog");
        try (RulesServer server = RulesServer.fromConfig(dir, "TransferLog DIR/xferlog\n");
             RawFtpClient alice = server.alice()) {
            TransferSupport.upload(alice, RawMode.PASV, "STOR one.bin", new byte[1]);
            Path rotated = dir.resolve("xferlog.1");
            Files.move(log, rotated); // what logrotate does, before it tells the server
            TransferSupport.upload(alice, RawMode.PASV, "STOR two.bin", new byte[2]);
            assertThat(server.reload()).isInstanceOf(ReloadOutcome.Applied.class);
            TransferSupport.upload(alice, RawMode.PASV, "STOR three.bin", new byte[3]);

            assertThat(lines(rotated)).hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain("three.bin"));
            assertThat(lines(log)).singleElement().satisfies(l -> assertThat(l).contains("three.bin"));
        }
    }

    @Test
    void aLogThatCannotBeOpenedStopsTheStart() {
        assertThatThrownBy(() -> RulesServer.fromSwitches(dir, "-O", "xferlog:" + dir.resolve("no/such/dir/x")))
                .hasStackTraceContaining("cannot open the xferlog transfer log " + dir.resolve("no/such/dir/x"));
        assertThatThrownBy(() -> RulesServer.fromSwitches(dir, "-O", "nonsense"))
                .hasStackTraceContaining("-O (--altlog) takes FORMAT:FILE");
    }
}
