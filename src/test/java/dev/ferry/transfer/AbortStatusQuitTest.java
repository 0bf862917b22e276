package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a client may send while a transfer runs (RFC 959 §4.1.3, §5.4): ABOR stops it
 * (426 for the transfer, then 226 for ABOR), STAT reports progress (211) without disturbing it,
 * and QUIT waits for it to finish and answers after the transfer's own reply (§4.1.1).
 */
class AbortStatusQuitTest {
    private static final long BIG = 64L << 20;
    private static final Pattern BYTES_SO_FAR = Pattern.compile("(\\d+) bytes so far");

    @TempDir
    Path temp;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(temp);
        TransferSupport.sparseFile(server.home().resolve("big.bin"), BIG);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawFtpClient binarySession() {
        RawFtpClient raw = server.raw();
        raw.login();
        assertThat(raw.command("TYPE I").code()).isEqualTo(200);
        return raw;
    }

    /** Starts RETR big.bin and reads a little, so the server is mid-transfer and soon blocked. */
    private static Socket startBigDownload(RawFtpClient raw, int readFirst) {
        Socket data = TransferSupport.passiveSmallWindow(raw);
        RawReply opening = raw.command("RETR big.bin");
        assertThat(opening.code()).as(opening.toString()).isEqualTo(150);
        assertThat(TransferSupport.readExactly(data, readFirst)).hasSize(readFirst);
        return data;
    }

    private void assertSessionStillWorks(RawFtpClient raw) throws Exception {
        assertThat(raw.command("NOOP").code()).isEqualTo(200);
        byte[] small = TransferSupport.randomBytes(70_000, 42);
        Files.write(server.home().resolve("after.bin"), small);
        assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "after.bin")).isEqualTo(small);
        TransferSupport.upload(raw, RawMode.EPSV, "STOR after-up.bin", small);
        assertThat(Files.readAllBytes(server.home().resolve("after-up.bin"))).isEqualTo(small);
    }

    @Test
    void aborDuringDownloadAnswers426Then226() throws Exception {
        try (RawFtpClient raw = binarySession()) {
            Socket data = startBigDownload(raw, 10_000);
            raw.send("ABOR");
            RawReply first = raw.read();
            RawReply second = raw.read();
            assertThat(first.code()).as("transfer's reply: %s", first).isEqualTo(426);
            assertThat(second.code()).as("ABOR's reply: %s", second).isEqualTo(226);
            long rest = TransferSupport.drain(data, Duration.ofSeconds(10));
            assertThat(10_000 + rest).isLessThan(BIG);
            data.close();
            assertSessionStillWorks(raw);
        }
    }

    @Test
    void aborDuringUploadAnswers426Then226() throws Exception {
        try (RawFtpClient raw = binarySession(); var link = RawMode.PASV.prepare(raw)) {
            assertThat(raw.command("STOR partial.bin").code()).isEqualTo(150);
            OutputStream out = link.socket().getOutputStream();
            out.write(new byte[100_000]);
            out.flush();
            raw.send("ABOR");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            link.close();
            assertSessionStillWorks(raw);
        }
    }

    @Test
    void aborWithTelnetInterruptAndSynchInBand() throws Exception {
        // RFC 959 §4.1.3: IAC IP, IAC DM (Synch), then ABOR; the Telnet sequences are not the command
        try (RawFtpClient raw = binarySession()) {
            Socket data = startBigDownload(raw, 1_000);
            byte[] abor = {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n'};
            raw.sendBytes(abor);
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            TransferSupport.drain(data, Duration.ofSeconds(10));
            data.close();
            assertSessionStillWorks(raw);
        }
    }

    @Test
    void aborAsBsdClientsSendIt() throws Exception {
        // BSD and inetutils ftp: send(IAC IP IAC, MSG_OOB), then DM and ABOR in band. Only the last
        // byte (IAC) is urgent and, with SO_OOBINLINE off, the server's stack removes it from the
        // stream, which then reads IAC IP DM "ABOR" CRLF (RFC 959 §4.1.3, RFC 854 Synch). The
        // RawFtpClient cannot send urgent data, so this test speaks on a plain socket.
        try (Socket control = new Socket("127.0.0.1", server.port())) {
            control.setSoTimeout(20_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(control.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = control.getOutputStream();
            java.util.function.Function<String, String> command = line -> {
                try {
                    if (line != null) {
                        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    return in.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            assertThat(command.apply(null)).startsWith("220");
            assertThat(command.apply("USER " + TestServer.USER)).startsWith("331");
            assertThat(command.apply("PASS " + TestServer.PASSWORD)).startsWith("230");
            assertThat(command.apply("TYPE I")).startsWith("200");
            String pasv = command.apply("PASV");
            var target = TransferSupport.parsePasv(new RawReply(227, java.util.List.of(pasv)));
            try (Socket data = new Socket()) {
                data.setReceiveBufferSize(8192);
                data.connect(new java.net.InetSocketAddress(target.getHostString(), target.getPort()));
                assertThat(command.apply("RETR big.bin")).startsWith("150");
                assertThat(TransferSupport.readExactly(data, 1_000)).hasSize(1_000);
                out.write(new byte[] {(byte) 0xFF, (byte) 0xF4});
                out.flush();
                control.sendUrgentData(0xFF);
                out.write(new byte[] {(byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n'});
                out.flush();
                assertThat(command.apply(null)).startsWith("426");
                assertThat(command.apply(null)).startsWith("226");
                TransferSupport.drain(data, Duration.ofSeconds(10));
            }
            assertThat(command.apply("NOOP")).startsWith("200");
        }
    }

    @Test
    void aborWithoutTransferIs226() {
        try (RawFtpClient raw = binarySession()) {
            assertThat(raw.command("ABOR").code()).isEqualTo(226);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void aborWithoutTransferDropsAPendingPassiveSetUp() throws Exception {
        Files.write(server.home().resolve("x.bin"), new byte[] {1});
        try (RawFtpClient raw = binarySession()) {
            TransferSupport.parsePasv(raw.command("PASV"));
            assertThat(raw.command("ABOR").code()).isEqualTo(226);
            assertThat(raw.command("RETR x.bin").code()).isEqualTo(425);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "x.bin")).containsExactly(1);
        }
    }

    @Test
    void statDuringTransferReportsProgressAndDoesNotDisturbIt() {
        try (RawFtpClient raw = binarySession()) {
            int already = 8 << 20;
            Socket data = startBigDownload(raw, already);
            RawReply status = raw.command("STAT");
            assertThat(status.code()).as(status.toString()).isEqualTo(211);
            Matcher m = BYTES_SO_FAR.matcher(status.all());
            assertThat(m.find()).as("STAT reply should report bytes so far: %s", status).isTrue();
            // progress counts what the kernel took, so it is at least what we have read
            assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(already);
            // still running: the rest arrives and then 226
            long rest = TransferSupport.drain(data, Duration.ofSeconds(30));
            assertThat(already + rest).isEqualTo(BIG);
            assertThat(raw.read().code()).isEqualTo(226);
            RawReply idle = raw.command("STAT");
            assertThat(idle.code()).isEqualTo(211);
            assertThat(idle.all()).doesNotContain("bytes so far");
        }
    }

    @Test
    void statSentOnReceiptOfThe226FindsNoTransferRunning() throws Exception {
        Files.write(server.home().resolve("tiny.bin"), new byte[] {1, 2, 3});
        try (RawFtpClient raw = binarySession()) {
            for (int i = 0; i < 100; i++) {
                assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "tiny.bin")).containsExactly(1, 2, 3);
                RawReply status = raw.command("STAT");
                assertThat(status.all()).as("iteration %d: %s", i, status).doesNotContain("bytes so far");
                assertThat(status.all()).contains("Data connection: none");
            }
        }
    }

    @Test
    void quitDuringTransferLetsItFinishAndAnswersAfterIt() {
        try (RawFtpClient raw = binarySession()) {
            Socket data = startBigDownload(raw, 1_000);
            raw.send("QUIT");
            long rest = TransferSupport.drain(data, Duration.ofSeconds(30));
            assertThat(1_000 + rest).isEqualTo(BIG);
            RawReply transfer = raw.read();
            RawReply quit = raw.read();
            assertThat(transfer.code()).as("transfer's reply: %s", transfer).isEqualTo(226);
            assertThat(quit.code()).as("QUIT's reply: %s", quit).isEqualTo(221);
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void clientClosingTheDataConnectionEarlyIs426() {
        try (RawFtpClient raw = binarySession()) {
            Socket data = startBigDownload(raw, 1_000);
            try {
                data.setSoLinger(true, 0); // reset, as a client that gives up does
                data.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            RawReply reply = raw.read();
            assertThat(reply.code()).as(reply.toString()).isEqualTo(426);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void aborRightAfterRetrBeforeTheDataConnectionOpens() throws Exception {
        try (RawFtpClient raw = binarySession()) {
            // a passive listener nobody connects to: the transfer waits in accept when ABOR comes
            TransferSupport.parsePasv(raw.command("PASV"));
            raw.sendBytes("RETR big.bin\r\nABOR\r\n".getBytes(StandardCharsets.US_ASCII));
            RawReply first = raw.read();
            assertThat(first.code()).isEqualTo(150);
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            assertSessionStillWorks(raw);
        }
    }
}
