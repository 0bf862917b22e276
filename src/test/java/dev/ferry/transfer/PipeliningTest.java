package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands sent before earlier ones are answered are answered in order (RFC 959 §4.2: every
 * command gets its replies, and a client matches them by sequence): a NOOP queued behind a RETR
 * is answered after the RETR's 150 and 226.
 */
class PipeliningTest {
    @TempDir
    Path temp;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(temp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noopPipelinedBehindRetrIsAnsweredAfterTheTransfer() throws Exception {
        // large enough that the 226 cannot come before we drain the data connection
        byte[] data = TransferSupport.randomBytes(8 << 20, 1);
        Files.write(server.home().resolve("a"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(raw)) {
                raw.sendBytes("RETR a\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                RawReply first = raw.read();
                assertThat(first.code()).as("first reply: %s", first).isEqualTo(150);
                Socket socket = link.socket();
                try (InputStream in = socket.getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                RawReply second = raw.read();
                RawReply third = raw.read();
                assertThat(second.code()).as("second reply: %s", second).isEqualTo(226);
                assertThat(third.code()).as("third reply: %s", third).isEqualTo(200);
            }
        }
    }

    @Test
    void statPipelinedBehindRetrIsAnsweredAfterThe150() throws Exception {
        // STAT may be answered while the transfer runs (RFC 959 §4.1.3), but not before the
        // RETR's own first reply: replies come in the order of the commands
        TransferSupport.sparseFile(server.home().resolve("big"), 64L << 20);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            for (int round = 0; round < 5; round++) {
                try (var link = RawMode.PASV.prepare(raw)) {
                    raw.sendBytes("RETR big\r\nSTAT\r\n".getBytes(StandardCharsets.US_ASCII));
                    RawReply first = raw.read();
                    assertThat(first.code()).as("first reply: %s", first).isEqualTo(150);
                    RawReply second = raw.read();
                    assertThat(second.code()).as("second reply: %s", second).isEqualTo(211);
                    assertThat(second.all()).contains("bytes so far");
                    assertThat(TransferSupport.drain(link.socket(), java.time.Duration.ofSeconds(30))).isEqualTo(64L << 20);
                    assertThat(raw.read().code()).isEqualTo(226);
                }
            }
        }
    }

    @Test
    void transferCommandsPipelinedWithTheirSetUp() throws Exception {
        byte[] data = TransferSupport.randomBytes(100_000, 2);
        Files.write(server.home().resolve("b"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.sendBytes(("USER " + TestServer.USER + "\r\nPASS " + TestServer.PASSWORD
                    + "\r\nTYPE I\r\nREST 10\r\nSIZE b\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.read().code()).isEqualTo(331);
            assertThat(raw.read().code()).isEqualTo(230);
            assertThat(raw.read().code()).isEqualTo(200);
            assertThat(raw.read().code()).isEqualTo(350);
            assertThat(raw.read().code()).isEqualTo(213);
            byte[] got = TransferSupport.retrieve(raw, RawMode.PASV, "b");
            assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(data, 10, data.length));
        }
    }

    @Test
    void twoTransfersAndAQuitInOneWrite() throws Exception {
        byte[] data = TransferSupport.randomBytes(300_000, 3);
        Files.write(server.home().resolve("c"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(raw)) {
                raw.sendBytes("RETR c\r\nPWD\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(raw.read().code()).isEqualTo(150);
                try (InputStream in = link.socket().getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                assertThat(raw.read().code()).isEqualTo(226);
                assertThat(raw.read().code()).isEqualTo(257);
                assertThat(raw.read().code()).isEqualTo(221);
                assertThat(raw.isClosedByServer()).isTrue();
            }
        }
    }
}
