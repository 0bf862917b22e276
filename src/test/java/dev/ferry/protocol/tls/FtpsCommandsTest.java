package dev.ferry.protocol.tls;

import static dev.ferry.protocol.tls.FtpsRawClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.TlsLevel;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUTH, PBSZ, PROT and CCC (RFC 2228, RFC 4217) against a server with TLS offered (level 1):
 * exact replies, the order the RFC requires, plaintext injection after AUTH, and REIN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FtpsCommandsTest {
    @TempDir
    static Path temp;
    private FtpsServer server;

    @BeforeAll
    void start() throws IOException {
        server = FtpsServer.builder(temp).start();
        Files.writeString(server.home().resolve("hello.txt"), "hello over TLS"); // no line end: TYPE A or I alike
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private FtpsRawClient client() {
        return FtpsRawClient.connect(server.port());
    }

    @Test
    void featAdvertisesTheSecurityCommands() {
        try (FtpsRawClient c = client()) {
            assertThat(c.command("FEAT").lines()).contains(" AUTH TLS", " PBSZ", " PROT", " CCC");
        }
    }

    @Test
    void featLeavesThemOutAndAuthIsRefusedWhenTlsIsOff(@TempDir Path other) {
        try (FtpsServer off = FtpsServer.builder(other).level(TlsLevel.OFF).start();
             FtpsRawClient c = FtpsRawClient.connect(off.port())) {
            assertThat(c.command("FEAT").lines()).doesNotContain(" AUTH TLS", " PBSZ", " PROT", " CCC");
            assertThat(c.command("AUTH TLS").all()).isEqualTo("502 AUTH not available: TLS is off on this server");
            assertThat(c.command("PBSZ 0").code()).isEqualTo(502);
            assertThat(c.command("PROT P").code()).isEqualTo(502);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS", "TLS-C", "tls", "SSL", "TLS-P"})
    void authStartsTlsWith234(String mechanism) {
        try (FtpsRawClient c = client()) {
            FtpsRawClient.Reply reply = c.auth(mechanism);
            assertThat(reply.all()).isEqualTo("234 AUTH " + mechanism.toUpperCase() + " OK, starting TLS");
            assertThat(c.controlTls().getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(c.command("NOOP").code()).isEqualTo(200);
            c.login();
            assertThat(c.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void authTlsLeavesDataInTheClear() {
        try (FtpsRawClient c = client()) {
            expect(c.auth("TLS"), 234);
            c.login();
            int port = c.pasv();
            c.send("RETR hello.txt");
            Socket data = FtpsRawClient.open(port);
            expect(c.read(), 150);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("hello over TLS");
            expect(c.read(), 226);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSL", "TLS-P"})
    void authSslAndTlsPProtectDataWithoutPbszAndProt(String mechanism) {
        try (FtpsRawClient c = client()) {
            expect(c.auth(mechanism), 234);
            c.login();
            int port = c.pasv();
            c.send("RETR hello.txt");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("hello over TLS");
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    @Test
    void authTwiceIs503() {
        try (FtpsRawClient c = client()) {
            expect(c.auth("TLS"), 234);
            assertThat(c.command("AUTH TLS").all()).isEqualTo("503 TLS is already on for this connection");
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void unknownMechanismIs504AndTheSessionGoesOnInTheClear() {
        try (FtpsRawClient c = client()) {
            assertThat(c.command("AUTH KERBEROS_V4").all())
                    .isEqualTo("504 AUTH mechanism not supported; use AUTH TLS");
            assertThat(c.command("NOOP").code()).isEqualTo(200);
            c.login();
        }
    }

    @Test
    void authAfterLoginIs534() {
        try (FtpsRawClient c = client()) {
            c.login();
            assertThat(c.command("AUTH TLS").all()).isEqualTo("534 AUTH must come before login");
            assertThat(c.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void authAfterUserForgetsTheName() {
        try (FtpsRawClient c = client()) {
            expect(c.command("USER " + FtpsServer.USER), 331);
            expect(c.auth("TLS"), 234);
            // RFC 4217 §4.2: the state is reset as if by REIN, so PASS has no USER to go with
            assertThat(c.command("PASS " + FtpsServer.PASSWORD).code()).isEqualTo(503);
            c.login();
        }
    }

    /**
     * SEC-TLS-01 (CVE-2011-0411 class): commands sent in the same segment as AUTH TLS, in the
     * clear, must not run after the handshake as if they had come protected.
     */
    @Test
    void commandsPipelinedAfterAuthAreDiscarded() throws IOException {
        try (FtpsRawClient c = client()) {
            c.sendBytes("AUTH TLS\r\nUSER evil\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(c.read(), 234);
            c.handshake();
            // had "USER evil" run, PASS would be answered 530 (bad password) rather than 503
            assertThat(c.command("PASS whatever").all()).startsWith("503 ");
            assertThat(c.command("NOOP").code()).isEqualTo(200);
            c.login();
        }
    }

    @Test
    void pbszBeforeAuthIs503AndAfterItAnswersPbsz0() {
        try (FtpsRawClient c = client()) {
            assertThat(c.command("PBSZ 0").all())
                    .isEqualTo("503 PBSZ needs a protected control connection: send AUTH TLS first");
            expect(c.auth("TLS"), 234);
            assertThat(c.command("PBSZ 0").all()).isEqualTo("200 PBSZ=0");
            // RFC 4217 §8: any other size is answered with the size TLS uses
            assertThat(c.command("PBSZ 16384").all()).isEqualTo("200 PBSZ=0 (TLS has no protection buffer)");
            assertThat(c.command("PBSZ big").code()).isEqualTo(501);
            assertThat(c.command("PBSZ 4294967296").code()).isEqualTo(501);
        }
    }

    @Test
    void protNeedsPbszAndKnowsOnlyClearAndPrivate() {
        try (FtpsRawClient c = client()) {
            assertThat(c.command("PROT P").code()).isEqualTo(503);
            expect(c.auth("TLS"), 234);
            assertThat(c.command("PROT P").all())
                    .isEqualTo("503 PROT needs a protected control connection and PBSZ 0 first");
            expect(c.command("PBSZ 0"), 200);
            assertThat(c.command("PROT S").all()).isEqualTo("536 PROT S is not supported with TLS; use C or P");
            assertThat(c.command("PROT E").code()).isEqualTo(536);
            assertThat(c.command("PROT X").all()).isEqualTo("504 PROT takes C or P");
            assertThat(c.command("PROT C").all()).isEqualTo("200 Protection set to Clear");
            assertThat(c.command("PROT p").all()).isEqualTo("200 Protection set to Private");
        }
    }

    @Test
    void protectedRetrAndStorAndListAreByteExact() throws IOException {
        byte[] content = CommonsNetFtpsTest.content(300_001, 42);
        try (FtpsRawClient c = client()) {
            c.secure();
            c.login();
            expect(c.command("TYPE I"), 200);
            int port = c.pasv();
            c.send("STOR raw.bin");
            expect(c.read(), 150);
            try (Socket data = c.protect(FtpsRawClient.open(port), true)) {
                data.getOutputStream().write(content);
                data.getOutputStream().flush();
            }
            expect(c.read(), 226);
            assertThat(Files.readAllBytes(server.home().resolve("raw.bin"))).isEqualTo(content);

            port = c.pasv();
            c.send("RETR raw.bin");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(FtpsRawClient.readAll(data)).isEqualTo(content);
            expect(c.read(), 150);
            expect(c.read(), 226);

            port = c.pasv();
            c.send("NLST");
            data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).contains("raw.bin\r\n");
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    @Test
    void asciiDownloadOverTlsConvertsLineEnds() throws IOException {
        Files.writeString(server.home().resolve("lines.txt"), "a\nb\nc\n");
        try (FtpsRawClient c = client()) {
            c.secure();
            c.login();
            expect(c.command("TYPE A"), 200);
            int port = c.pasv();
            c.send("RETR lines.txt");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n");
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    /** SEC-TLS-05: an upload whose connection ends without close_notify is not complete. */
    @Test
    void uploadCutWithoutCloseNotifyIsNotReportedComplete() throws IOException {
        try (FtpsRawClient c = client()) {
            c.secure();
            c.login();
            int port = c.pasv();
            c.send("STOR cut.bin");
            expect(c.read(), 150);
            Socket tcp = FtpsRawClient.open(port);
            SSLSocket data = (SSLSocket) c.protect(tcp, true);
            data.getOutputStream().write(new byte[100_000]);
            data.getOutputStream().flush();
            tcp.shutdownOutput(); // TCP FIN, no close_notify: what a forged FIN looks like
            FtpsRawClient.Reply last = c.read();
            assertThat(last.code()).isEqualTo(426);
            tcp.close();
        }
    }

    @Test
    void cccNeedsLoginAndTls() {
        try (FtpsRawClient c = client()) {
            assertThat(c.command("CCC").code()).isEqualTo(530);
            c.login();
            assertThat(c.command("CCC").all()).isEqualTo("533 The control connection is not protected");
        }
    }

    @Test
    void cccContinuesInTheClearAndDataStaysProtected() {
        try (FtpsRawClient c = client()) {
            c.secure();
            c.login();
            assertThat(c.ccc().all()).isEqualTo("200 CCC OK: the control connection continues in the clear");
            assertThat(c.command("PWD").code()).isEqualTo(257);
            // after CCC a clear PROT could come from anyone on the path (RFC 4217 §6)
            assertThat(c.command("PROT C").code()).isEqualTo(503);
            int port = c.pasv();
            c.send("RETR hello.txt");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("hello over TLS");
            expect(c.read(), 150);
            expect(c.read(), 226);
            assertThat(c.command("AUTH TLS").code()).isEqualTo(534);
        }
    }

    @Test
    void reinKeepsTlsAndResetsProt() {
        try (FtpsRawClient c = client()) {
            c.secure();
            c.login();
            expect(c.command("REIN"), 220);
            // still TLS: the reply came through the SSLSocket, and the next ones too
            c.login();
            assertThat(c.command("PROT P").code()).as("PBSZ was reset").isEqualTo(503);
            int port = c.pasv();
            c.send("RETR hello.txt");
            Socket data = FtpsRawClient.open(port); // PROT C again: in the clear
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("hello over TLS");
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    /** RFC 4217 §10.1: a failed handshake drops the connection; the clear line is never a command. */
    @Test
    void handshakeGarbageAfter234DropsTheConnection() {
        try (FtpsRawClient c = client()) {
            expect(c.command("AUTH TLS"), 234);
            c.sendBytes("USER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            String rest = new String(c.readToEnd(), StandardCharsets.ISO_8859_1);
            assertThat(rest).doesNotContain("331").doesNotContain("530");
        }
    }
}
