package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.FxpPolicy;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-DATA-01..03 (catalogue §G, RFC 2577 §3, RFC 2428 §2 and §4): PORT and EPRT may only send the
 * server's data connection back to the client's own address and to an unprivileged port, unless
 * FXP is allowed for the user; malformed arguments are 501 and unsupported protocols 522;
 * EPSV ALL locks the session to EPSV.
 */
class ActiveModeBounceTest {
    private static final String FOREIGN = "127.0.0.2";

    @TempDir
    Path temp;
    Jail jail;

    @AfterEach
    void stop() {
        if (jail != null) {
            jail.close();
        }
    }

    private static ServerSocket listenOn(String host) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        return s;
    }

    private static String port(ServerSocket s) {
        byte[] a = s.getInetAddress().getAddress();
        int p = s.getLocalPort();
        return "PORT " + (a[0] & 0xff) + "," + (a[1] & 0xff) + "," + (a[2] & 0xff) + "," + (a[3] & 0xff) + ","
                + (p >> 8) + "," + (p & 0xff);
    }

    private static String eprt(ServerSocket s) {
        return "EPRT |1|" + s.getInetAddress().getHostAddress() + "|" + s.getLocalPort() + "|";
    }

    /** Asserts that nobody connected to the listener (the server made no outbound connection). */
    private static void assertNoConnection(ServerSocket s) throws IOException {
        s.setSoTimeout(300);
        assertThatThrownBy(() -> s.accept().close()).isInstanceOf(SocketTimeoutException.class);
    }

    /** Accepts the server's active data connection and returns everything it sends. */
    private static byte[] receive(ServerSocket s) throws IOException {
        s.setSoTimeout(10_000);
        try (Socket data = s.accept(); InputStream in = data.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void portAndEprtToAForeignAddressAreRefused() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice(); ServerSocket foreign = listenOn(FOREIGN)) {
            assertThat(c.command(port(foreign)).code()).isIn(500, 504);
            assertThat(c.command(eprt(foreign)).code()).isIn(500, 504);
            assertThat(c.command("PORT 10,0,0,1,80,80").code()).isIn(500, 504);
            assertThat(c.command("EPRT |1|10.0.0.1|20560|").code()).isIn(500, 504);
            assertThat(c.command("EPRT |2|::1|20560|").code()).isIn(500, 504);
            RawReply retr = c.command("RETR keep.txt");
            assertThat(retr.code()).isIn(425, 503);
            assertNoConnection(foreign);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    /** Pure-FTPd 1.0.53: a refused PORT must not leave the previous set-up in place. */
    @Test
    void aRefusedPortForgetsTheEarlierDataSetup() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice(); ServerSocket own = listenOn("127.0.0.1")) {
            assertThat(c.command(port(own)).code()).isEqualTo(200);
            assertThat(c.command("PORT 127,0,0,2,200,1").code()).isIn(500, 504);
            assertThat(c.command("RETR keep.txt").code()).isIn(425, 503);
            assertNoConnection(own);

            assertThat(c.command(eprt(own)).code()).isEqualTo(200);
            assertThat(c.command("EPRT |1|127.0.0.1|x|").code()).isEqualTo(501);
            assertThat(c.command("RETR keep.txt").code()).isIn(425, 503);
            assertNoConnection(own);

            assertThat(c.command("PASV").code()).isEqualTo(227);
            assertThat(c.command("PORT 1,2,3").code()).isEqualTo(501);
            assertThat(c.command("RETR keep.txt").code()).isIn(425, 503);
        }
    }

    @Test
    void privilegedPortsAreRefused() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice()) {
            assertThat(c.command("PORT 127,0,0,1,0,21").code()).isEqualTo(504);
            assertThat(c.command("PORT 127,0,0,1,0,25").code()).isEqualTo(504);
            assertThat(c.command("PORT 127,0,0,1,3,255").code()).isEqualTo(504); // 1023
            assertThat(c.command("EPRT |1|127.0.0.1|25|").code()).isEqualTo(504);
            assertThat(c.command("EPRT |1|127.0.0.1|1023|").code()).isEqualTo(504);
            assertThat(c.command("PORT 127,0,0,1,0,0").code()).isIn(501, 504);
            assertThat(c.command("EPRT |1|127.0.0.1|0|").code()).isIn(501, 504);
            assertThat(c.command("EPRT |1|127.0.0.1|65536|").code()).isIn(501, 504);
            assertThat(c.command("RETR keep.txt").code()).isIn(425, 503);
        }
    }

    @Test
    void unsupportedNetworkProtocolIs522() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice()) {
            RawReply reply = c.command("EPRT |3|127.0.0.1|5000|");
            assertThat(reply.code()).isEqualTo(522);
            assertThat(reply.text()).contains("(1,2)");
        }
    }

    @Test
    void malformedPortAndEprtAre501() throws IOException {
        jail = Jail.start(temp);
        List<String> malformed = List.of(
                "PORT 127,0,0,1,4", "PORT 127,0,0,1,4,1,7", "PORT 256,0,0,1,4,1", "PORT a,b,c,d,e,f",
                "PORT localhost,19,136", "PORT 127,0,0,1,300,1", "PORT 127,0,0,1,-1,1", "PORT 127.0.0.1,4,1",
                "PORT 127,0,0,1,4,1.5", "PORT 1,2,3,4,5,99999999999999999999", "PORT ,,,,,",
                "EPRT |1|localhost|5000|", "EPRT |1|127.0.0.1|", "EPRT |1|127.0.0.1|abc|",
                "EPRT |2|127.0.0.1|5000|", "EPRT |1|::1|5000|", "EPRT 127.0.0.1", "EPRT |1|127.0.0.1|5000",
                "EPRT |1|127.0.0.1|5000|6000|", "EPRT |1|127.0.0.1|99999999999999999999|", "EPRT ||||");
        try (RawFtpClient c = jail.alice()) {
            for (String command : malformed) {
                RawReply reply = c.command(command);
                assertThat(reply.code()).as(command).isEqualTo(501);
                jail.assertNoLeak(command, List.of(reply));
            }
            assertThat(c.command("RETR keep.txt").code()).isIn(425, 503);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void ownAddressOnUnprivilegedPortWorks() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice(); ServerSocket own = listenOn("127.0.0.1")) {
            assertThat(c.command(port(own)).code()).isEqualTo(200);
            assertThat(c.command("RETR keep.txt").code()).isEqualTo(150);
            assertThat(receive(own)).isEqualTo("keep\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.read().code()).isEqualTo(226);
        }
    }

    /** FxpPolicy.AUTHENTICATED: alice may send data to another host, anonymous may not. */
    @Test
    void fxpForAuthenticatedUsersOnly() throws IOException {
        jail = Jail.start(temp, b -> b.fxp(FxpPolicy.AUTHENTICATED).anonymous(Optional.empty()));
        Files.createDirectories(jail.server().anonymousRoot());
        Files.writeString(jail.server().anonymousRoot().resolve("pub.txt"), "public\n");
        try (RawFtpClient c = jail.alice(); ServerSocket foreign = listenOn(FOREIGN)) {
            assertThat(c.command(port(foreign)).code()).isEqualTo(200);
            assertThat(c.command("RETR keep.txt").code()).isEqualTo(150);
            assertThat(receive(foreign)).isEqualTo("keep\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.read().code()).isEqualTo(226);
            // Privileged ports stay forbidden even with FXP.
            assertThat(c.command("PORT 127,0,0,2,0,25").code()).isEqualTo(504);
        }
        try (RawFtpClient anon = jail.server().raw(); ServerSocket foreign = listenOn(FOREIGN)) {
            anon.login("anonymous", "guest@example.com");
            assertThat(anon.command(port(foreign)).code()).isIn(500, 504);
            assertThat(anon.command(eprt(foreign)).code()).isIn(500, 504);
            assertThat(anon.command("RETR pub.txt").code()).isIn(425, 503);
            assertNoConnection(foreign);
        }
    }

    /** RFC 2428 §4: after EPSV ALL every other data set-up command is refused; EPSV still works. */
    @Test
    void epsvAllRefusesPortEprtAndPasv() throws IOException {
        jail = Jail.start(temp);
        try (RawFtpClient c = jail.alice(); ServerSocket own = listenOn("127.0.0.1")) {
            assertThat(c.command("EPSV ALL").code()).isEqualTo(200);
            assertThat(c.command(port(own)).code()).isEqualTo(503);
            assertThat(c.command(eprt(own)).code()).isEqualTo(503);
            assertThat(c.command("PASV").code()).isEqualTo(503);
            Socket data = c.extendedPassive();
            assertThat(c.command("RETR keep.txt").code()).isEqualTo(150);
            assertThat(RawFtpClient.readAll(data)).isEqualTo("keep\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.read().code()).isEqualTo(226);
            assertNoConnection(own);
            // REIN ends the EPSV ALL lock together with the login (RFC 959 §4.1.1 "as at connect").
            assertThat(c.command("REIN").code()).isEqualTo(220);
            c.login();
            assertThat(c.command("PASV").code()).isEqualTo(227);
        }
    }
}
