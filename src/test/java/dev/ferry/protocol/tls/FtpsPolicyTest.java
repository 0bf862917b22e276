package dev.ferry.protocol.tls;

import static dev.ferry.protocol.tls.FtpsRawClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.TlsLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the TLS policy requires (Pure-FTPd -Y 2 and 3, anonymous exemption, session reuse) and
 * implicit FTPS.
 */
class FtpsPolicyTest {
    @TempDir
    Path temp;

    /** SEC-TLS-02: refused at USER, so that the password never goes out in the clear. */
    @Test
    void level2RefusesUserInTheClearAndAcceptsItAfterAuth() {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            assertThat(c.command("USER " + FtpsServer.USER).all())
                    .isEqualTo("530 TLS required: send AUTH TLS before USER");
            assertThat(c.command("PASS " + FtpsServer.PASSWORD).code()).as("no USER was accepted").isEqualTo(503);
            expect(c.auth("TLS"), 234);
            c.login();
            // data may be clear at level 2
            assertThat(c.command("PWD").code()).isEqualTo(257);
            int port = c.pasv();
            c.send("NLST");
            assertThat(FtpsRawClient.readAll(FtpsRawClient.open(port))).isEmpty();
            expect(c.read(), 150);
            expect(c.read(), 226);
            // and the control connection may not go back to the clear
            assertThat(c.command("CCC").all())
                    .isEqualTo("534 CCC refused: this server requires TLS on the control connection");
        }
    }

    @Test
    void level2LetsAnonymousInWithoutTlsWhenExempt() {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL).anonymous().anonymousExempt().start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            assertThat(c.command("USER " + FtpsServer.USER).code()).isEqualTo(530);
            assertThat(c.command("USER anonymous").code()).isEqualTo(331);
            assertThat(c.command("PASS guest@example.com").code()).isEqualTo(230);
        }
    }

    @Test
    void level2RefusesAnonymousTooWithoutTheExemption() {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL).anonymous().start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            assertThat(c.command("USER anonymous").code()).isEqualTo(530);
        }
    }

    /** SEC-TLS-03: RFC 4217 §9, 521 for a transfer under PROT C where data must be protected. */
    @Test
    void level3RefusesClearTransfersWith521() throws IOException {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL_AND_DATA).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            Files.writeString(server.home().resolve("f.txt"), "protected");
            expect(c.auth("TLS"), 234);
            c.login();
            c.pasv();
            assertThat(c.command("RETR f.txt").all())
                    .isEqualTo("521 Data connections must be protected: send PBSZ 0 and PROT P first");
            c.pasv();
            assertThat(c.command("LIST").code()).isEqualTo(521);
            expect(c.command("PBSZ 0"), 200);
            expect(c.command("PROT P"), 200);
            int port = c.pasv();
            c.send("RETR f.txt");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("protected");
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    @Test
    void level3LetsExemptAnonymousTransferInTheClear() throws IOException {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL_AND_DATA).anonymous()
                .anonymousExempt().start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            expect(c.command("USER ftp"), 331);
            expect(c.command("PASS x@y"), 230);
            int port = c.pasv();
            c.send("NLST");
            FtpsRawClient.readAll(FtpsRawClient.open(port));
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    /** SEC-TLS-04: a data connection that does not resume the control session is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void dataConnectionThatDoesNotResumeIsRefusedWith522(String protocol) {
        try (FtpsServer server = FtpsServer.builder(temp).protocols(protocol).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port(), FtpsRawClient.trustAll("TLS"))) {
            c.secure();
            c.login();
            assertThat(c.controlTls().getSession().getProtocol()).isEqualTo(protocol);
            int port = c.pasv();
            c.send("NLST");
            expect(c.read(), 150);
            Socket fresh = c.protect(FtpsRawClient.open(port), false);
            assertThat(FtpsRawClient.readAll(fresh)).as("closed before any listing byte").isEmpty();
            assertThat(c.read().all()).isEqualTo("522 TLS session of data connection not resumed: the client must "
                    + "reuse its control connection's TLS session (session reuse is required)");
            // one that does resume is fine, on the same control connection, again and again
            for (int i = 0; i < 3; i++) {
                port = c.pasv();
                c.send("NLST");
                assertThat(FtpsRawClient.readAll(c.protect(FtpsRawClient.open(port), true))).isEmpty();
                expect(c.read(), 150);
                expect(c.read(), 226);
            }
        }
    }

    @Test
    void aSessionOfAnotherControlConnectionDoesNotCount() {
        try (FtpsServer server = FtpsServer.builder(temp).start();
             FtpsRawClient victim = FtpsRawClient.connect(server.port());
             FtpsRawClient thief = FtpsRawClient.connect(server.port())) {
            victim.secure();
            victim.login();
            thief.secure(); // a session of its own, resumable, but not the victim's
            int port = victim.pasv();
            victim.send("NLST");
            expect(victim.read(), 150);
            // the thief reaches the port from the same address (loopback), so only the TLS check stands
            assertThat(FtpsRawClient.readAll(thief.protect(FtpsRawClient.open(port), true))).isEmpty();
            assertThat(victim.read().code()).isEqualTo(522);
        }
    }

    @Test
    void withoutTheReuseRequirementAFreshSessionIsAccepted() {
        try (FtpsServer server = FtpsServer.builder(temp).noSessionReuseRequired().start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            c.secure();
            c.login();
            int port = c.pasv();
            c.send("NLST");
            assertThat(FtpsRawClient.readAll(c.protect(FtpsRawClient.open(port), false))).isEmpty();
            assertThat(server.home()).isEmptyDirectory();
            expect(c.read(), 150);
            expect(c.read(), 226);
        }
    }

    @Test
    void implicitFtpsStartsWithTlsAndProtectsDataByDefault() throws IOException {
        try (FtpsServer server = FtpsServer.builder(temp).implicit().start();
             FtpsRawClient c = FtpsRawClient.implicit(server.implicitPort())) {
            Files.writeString(server.home().resolve("f.txt"), "implicit");
            assertThat(c.banner().code()).isEqualTo(220);
            assertThat(c.command("AUTH TLS").code()).isEqualTo(503);
            c.login();
            int port = c.pasv();
            c.send("RETR f.txt");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            assertThat(new String(FtpsRawClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("implicit");
            expect(c.read(), 150);
            expect(c.read(), 226);
            assertThat(c.command("CCC").code()).isEqualTo(534);
        }
    }

    /** SEC-TLS-10: a clear command on the implicit port is never processed. */
    @Test
    void plainTextOnTheImplicitPortGetsNoReply() {
        try (FtpsServer server = FtpsServer.builder(temp).implicit().start();
             Socket s = FtpsRawClient.open(server.implicitPort())) {
            s.getOutputStream().write("USER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("220").doesNotContain("331");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEC-TLS-06: a TLS 1.2 renegotiation ends the control connection. */
    @Test
    void tls12RenegotiationIsRefused() {
        try (FtpsServer server = FtpsServer.builder(temp).protocols("TLSv1.2").start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            expect(c.auth("TLS"), 234);
            c.login();
            assertThatThrownBy(() -> {
                c.controlTls().startHandshake();
                c.command("NOOP");
            }).isInstanceOf(RuntimeException.class);
        }
    }

    /** SEC-TLS-07: nothing older than TLS 1.2. */
    @Test
    void tls11IsRefused() {
        try (FtpsServer server = FtpsServer.builder(temp).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port(), FtpsRawClient.trustAll("TLSv1.1"))) {
            c.send("AUTH TLS");
            expect(c.read(), 234);
            assertThatThrownBy(c::handshake).isInstanceOf(IOException.class);
        }
    }
}
