package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.Timeouts;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer whose data connection cannot be opened ends with 425 (RFC 959 §4.2), leaves the
 * file system untouched, and the session goes on.
 */
class DataConnectionFailureTest {
    private static final Duration DATA_CONNECT = Duration.ofMillis(500);

    @TempDir
    Path temp;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.builder(temp)
                .timeouts(new Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        DATA_CONNECT, Duration.ofSeconds(2)))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawFtpClient session() {
        RawFtpClient raw = server.raw();
        raw.login();
        assertThat(raw.command("TYPE I").code()).isEqualTo(200);
        return raw;
    }

    @Test
    void retrWithoutPasvOrPortIs425() throws Exception {
        Files.write(server.home().resolve("f.bin"), new byte[] {1, 2});
        try (RawFtpClient raw = session()) {
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(425);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void storWithoutPasvOrPortIs425AndCreatesNothing() {
        try (RawFtpClient raw = session()) {
            assertThat(raw.command("STOR new.bin").code()).isEqualTo(425);
            assertThat(raw.command("APPE new.bin").code()).isEqualTo(425);
            assertThat(raw.command("STOU").code()).isEqualTo(425);
        }
        assertThat(server.home().resolve("new.bin")).doesNotExist();
        assertThat(server.home()).isEmptyDirectory();
    }

    @Test
    void passiveListenerNobodyConnectsToGives150Then425() throws Exception {
        byte[] data = TransferSupport.randomBytes(1_000, 1);
        Files.write(server.home().resolve("f.bin"), data);
        try (RawFtpClient raw = session()) {
            TransferSupport.parsePasv(raw.command("PASV"));
            long started = System.nanoTime();
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(150);
            RawReply failed = raw.read();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(failed.code()).as(failed.toString()).isEqualTo(425);
            assertThat(waited).isGreaterThanOrEqualTo(DATA_CONNECT.minusMillis(50)).isLessThan(Duration.ofSeconds(5));
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
            // the failed set-up is gone; a new one works
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(425);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "f.bin")).isEqualTo(data);
        }
    }

    @Test
    void storWhoseDataConnectionNeverComesKeepsTheOldFile() throws Exception {
        Files.write(server.home().resolve("keep.bin"), new byte[] {7, 7, 7});
        try (RawFtpClient raw = session()) {
            TransferSupport.parseEpsv(raw.command("EPSV"));
            assertThat(raw.command("STOR keep.bin").code()).isEqualTo(150);
            assertThat(raw.read().code()).isEqualTo(425);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(server.home().resolve("keep.bin"))).containsExactly(7, 7, 7);
    }

    @Test
    void activeConnectionRefusedIs425() throws Exception {
        Files.write(server.home().resolve("f.bin"), new byte[] {1});
        int closedPort;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = probe.getLocalPort();
        }
        try (RawFtpClient raw = session()) {
            assertThat(raw.command(String.format("PORT 127,0,0,1,%d,%d", closedPort >> 8, closedPort & 0xff)).code())
                    .isEqualTo(200);
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(150);
            assertThat(raw.read().code()).isEqualTo(425);
            assertThat(raw.command("EPRT |1|127.0.0.1|" + closedPort + "|").code()).isEqualTo(200);
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(150);
            assertThat(raw.read().code()).isEqualTo(425);
            assertThat(TransferSupport.retrieve(raw, RawMode.PORT, "f.bin")).containsExactly(1);
        }
    }

    @Test
    void failedRetrOfMissingFileDoesNotConsumeTheSetUp() throws Exception {
        Files.write(server.home().resolve("f.bin"), new byte[] {5});
        try (RawFtpClient raw = session(); var link = RawMode.PASV.prepare(raw)) {
            assertThat(raw.command("RETR missing.bin").code()).isEqualTo(550);
            assertThat(raw.command("RETR f.bin").code()).isEqualTo(150);
            assertThat(link.socket().getInputStream().readAllBytes()).containsExactly(5);
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }
}
