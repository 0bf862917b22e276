package dev.ferry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.Timeouts;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session timers: login, idle and stalled-transfer timeouts close or abort with a reply that says
 * why (421 for the session, RFC 959 §4.2; 426 for the transfer), and a transfer that keeps moving
 * data is never cut however long it takes.
 */
class TimeoutTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(Duration login, Duration idle, Duration stalled) {
        server = TestServer.builder(temp)
                .timeouts(new Timeouts(login, idle, stalled, Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .start();
        return server;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    void loginTimeoutClosesAnUnauthenticatedConnectionWith421() {
        start(Duration.ofSeconds(1), LONG, LONG);
        long started = System.nanoTime();
        try (RawFtpClient raw = server.raw()) {
            assertThat(raw.command("USER " + TestServer.USER).code()).isEqualTo(331);
            RawReply reply = raw.read(); // no PASS: the server speaks next
            assertThat(reply.code()).as(reply.toString()).isEqualTo(421);
            assertThat(reply.text()).containsIgnoringCase("login timeout");
            assertThat(since(started)).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(6));
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesCannotHoldUpOtherSessionsTimers() throws Exception {
        start(Duration.ofSeconds(1), LONG, LONG);
        // HELP is allowed before login and has a long reply: a few thousand fill every buffer
        // between the server and a client that never reads, and the server blocks writing
        byte[] flood = "HELP\r\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Socket hog = new Socket();
        hog.setReceiveBufferSize(4096);
        hog.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5_000);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try {
                hog.getOutputStream().write(flood);
            } catch (java.io.IOException closed) {
                // the server (or the test) closed it
            }
        });
        try {
            Thread.sleep(300);
            // another client's login timeout must still fire on time
            try (RawFtpClient victim = server.raw()) {
                long started = System.nanoTime();
                RawReply reply = victim.read();
                assertThat(reply.code()).as(reply.toString()).isEqualTo(421);
                assertThat(since(started)).isLessThan(Duration.ofSeconds(6));
            }
            // and the hog itself is disconnected although it never reads the 421
            assertThat(TransferSupport.eventually(Duration.ofSeconds(10), () -> server.server().sessionCount() == 0))
                    .as("sessions left: %d", server.server().sessionCount()).isTrue();
        } finally {
            hog.close(); // unblocks a server stuck writing to it, so that stop() can finish
            writer.join(5_000);
        }
        long stopping = System.nanoTime();
        server.server().stop();
        assertThat(since(stopping)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void loginTimeoutDoesNotApplyOnceLoggedIn() throws Exception {
        start(Duration.ofMillis(500), LONG, LONG);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            Thread.sleep(1_000);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void idleTimeoutClosesALoggedInSessionWith421() {
        start(LONG, Duration.ofSeconds(1), LONG);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            long started = System.nanoTime();
            RawReply reply = raw.read();
            assertThat(reply.code()).as(reply.toString()).isEqualTo(421);
            assertThat(reply.text()).containsIgnoringCase("idle timeout");
            assertThat(since(started)).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(6));
            assertThat(raw.isClosedByServer()).isTrue();
        }
        assertThat(TransferSupport.eventually(Duration.ofSeconds(5), () -> server.server().sessionCount() == 0)).isTrue();
    }

    @Test
    void commandsKeepTheSessionFromIdlingOut() throws Exception {
        start(LONG, Duration.ofSeconds(1), LONG);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            for (int i = 0; i < 7; i++) { // 2.1 s in all, twice the idle timeout
                Thread.sleep(300);
                assertThat(raw.command("NOOP").code()).isEqualTo(200);
            }
            assertThat(raw.read().code()).isEqualTo(421);
        }
    }

    @Test
    void aSlowUploadThatKeepsMovingIsNotCutByTheIdleTimeout() throws Exception {
        start(LONG, Duration.ofSeconds(1), LONG);
        byte[] data = TransferSupport.randomBytes(9 * 10_000, 1);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("STOR slow.bin").code()).isEqualTo(150);
                Socket socket = link.socket();
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 9; i++) { // a chunk every 300 ms: 2.7 s, far beyond the idle timeout
                    out.write(data, i * 10_000, 10_000);
                    out.flush();
                    Thread.sleep(300);
                }
                socket.close();
                RawReply done = raw.read();
                assertThat(done.code()).as(done.toString()).isEqualTo(226);
            }
            // the idle timer starts again from the end of the transfer
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(server.home().resolve("slow.bin"))).isEqualTo(data);
    }

    @Test
    void aStalledDownloadIsAbortedWith426AndTheSessionGoesOn() throws Exception {
        start(LONG, LONG, Duration.ofSeconds(1));
        TransferSupport.sparseFile(server.home().resolve("big.bin"), 64L << 20);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            Socket data = TransferSupport.passiveSmallWindow(raw);
            assertThat(raw.command("RETR big.bin").code()).isEqualTo(150);
            TransferSupport.readExactly(data, 1_000);
            long started = System.nanoTime(); // and now we stop reading
            RawReply reply = raw.read();
            assertThat(reply.code()).as(reply.toString()).isEqualTo(426);
            assertThat(since(started)).isLessThan(Duration.ofSeconds(8));
            assertThat(TransferSupport.drain(data, Duration.ofSeconds(10))).isLessThan(64L << 20);
            data.close();
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
            byte[] small = TransferSupport.randomBytes(1_000, 2);
            Files.write(server.home().resolve("small.bin"), small);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "small.bin")).isEqualTo(small);
        }
    }

    @Test
    void aStalledUploadIsAbortedWith426AndTheSessionGoesOn() throws Exception {
        start(LONG, LONG, Duration.ofSeconds(1));
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("STOR stalled.bin").code()).isEqualTo(150);
                link.socket().getOutputStream().write(new byte[1_000]);
                long started = System.nanoTime(); // and now we send nothing more, without closing
                RawReply reply = raw.read();
                assertThat(reply.code()).as(reply.toString()).isEqualTo(426);
                assertThat(since(started)).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(8));
            }
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
            byte[] small = TransferSupport.randomBytes(1_000, 3);
            TransferSupport.upload(raw, RawMode.EPSV, "STOR ok.bin", small);
            assertThat(Files.readAllBytes(server.home().resolve("ok.bin"))).isEqualTo(small);
        }
    }

    @Test
    void aSlowButSteadyDownloadIsNotTakenForStalled() throws Exception {
        start(LONG, LONG, Duration.ofSeconds(1));
        byte[] content = TransferSupport.randomBytes(6 << 20, 4);
        Files.write(server.home().resolve("steady.bin"), content);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            Socket data = TransferSupport.passiveSmallWindow(raw);
            assertThat(raw.command("RETR steady.bin").code()).isEqualTo(150);
            byte[] received = new byte[content.length];
            int got = 0;
            try (InputStream in = data.getInputStream()) {
                while (got < received.length) { // ~2.5 MB/s: a little every 200 ms, never a second's pause
                    int want = Math.min(512 << 10, received.length - got);
                    int n = in.readNBytes(received, got, want);
                    if (n == 0) {
                        break;
                    }
                    got += n;
                    Thread.sleep(200);
                }
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(Arrays.equals(received, content)).as("received %d of %d bytes", got, content.length).isTrue();
            RawReply done = raw.read();
            assertThat(done.code()).as(done.toString()).isEqualTo(226);
        }
    }
}
