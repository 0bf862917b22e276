package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on ::1: EPSV and EPRT (RFC 2428) carry the data connections; PASV and PORT, which can
 * only express IPv4 addresses (RFC 959 §4.1.2), are refused with a clear error.
 */
class Ipv6TransferTest {
    @TempDir
    static Path temp;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        Assumptions.assumeTrue(ipv6LoopbackAvailable(), "::1 is not available on this host");
        server = TestServer.builder(temp).bindHost("::1").start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static RawFtpClient raw() {
        RawFtpClient raw = RawFtpClient.connect("::1", server.port());
        raw.login();
        assertThat(raw.command("TYPE I").code()).isEqualTo(200);
        return raw;
    }

    @Test
    void epsvRoundTrip() throws Exception {
        byte[] data = TransferSupport.randomBytes(300_000, 1);
        try (RawFtpClient raw = raw()) {
            TransferSupport.upload(raw, RawMode.EPSV, "STOR v6-epsv.bin", data);
            assertThat(Files.readAllBytes(server.home().resolve("v6-epsv.bin"))).isEqualTo(data);
            assertThat(TransferSupport.retrieve(raw, RawMode.EPSV, "v6-epsv.bin")).isEqualTo(data);
        }
    }

    @Test
    void eprtRoundTrip() throws Exception {
        byte[] data = TransferSupport.randomBytes(300_000, 2);
        try (RawFtpClient raw = raw()) {
            assertThat(raw.localAddress().getHostAddress()).contains(":");
            TransferSupport.upload(raw, RawMode.EPRT, "STOR v6-eprt.bin", data);
            assertThat(Files.readAllBytes(server.home().resolve("v6-eprt.bin"))).isEqualTo(data);
            assertThat(TransferSupport.retrieve(raw, RawMode.EPRT, "v6-eprt.bin")).isEqualTo(data);
        }
    }

    @Test
    void eprtWithLiteralLoopbackAddress() throws Exception {
        byte[] data = TransferSupport.randomBytes(5_000, 3);
        Files.write(server.home().resolve("lit.bin"), data);
        try (RawFtpClient raw = raw(); ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0), 1);
            listener.setSoTimeout(20_000);
            assertThat(raw.command("EPRT |2|::1|" + listener.getLocalPort() + "|").code()).isEqualTo(200);
            assertThat(raw.command("RETR lit.bin").code()).isEqualTo(150);
            try (var socket = listener.accept()) {
                assertThat(socket.getInputStream().readAllBytes()).isEqualTo(data);
            }
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void pasvOnAnIpv6ConnectionIsRefusedClearly() throws Exception {
        try (RawFtpClient raw = raw()) {
            RawReply pasv = raw.command("PASV");
            assertThat(pasv.code()).as(pasv.toString()).isBetween(400, 599);
            assertThat(pasv.text()).contains("EPSV");
            // nothing was set up: a transfer now has no data connection
            assertThat(raw.command("RETR nothing").code()).isIn(425, 550);
            // an IPv4 PORT or EPRT cannot reach this client either
            assertThat(raw.command("PORT 127,0,0,1,200,10").code()).isBetween(400, 599);
            assertThat(raw.command("EPRT |1|127.0.0.1|51210|").code()).isBetween(400, 599);
            // EPSV for the other family: 522 names the one this connection supports (RFC 2428 §3)
            RawReply wrongFamily = raw.command("EPSV 1");
            assertThat(wrongFamily.code()).isEqualTo(522);
            assertThat(wrongFamily.text()).contains("(2)");
            assertThat(raw.command("EPSV 2").code()).isEqualTo(229);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void commonsNetUsesEpsvAndEprtOverIpv6() throws Exception {
        byte[] data = TransferSupport.randomBytes(65_537, 4);
        for (boolean passive : new boolean[] {true, false}) {
            List<String> verbs = new ArrayList<>();
            FTPClient ftp = new FTPClient();
            ftp.setDefaultTimeout(20_000);
            ftp.setDataTimeout(Duration.ofSeconds(20));
            ftp.addProtocolCommandListener(new ProtocolCommandListener() {
                @Override
                public void protocolCommandSent(ProtocolCommandEvent event) {
                    verbs.add(event.getCommand().toUpperCase(Locale.ROOT));
                }

                @Override
                public void protocolReplyReceived(ProtocolCommandEvent event) {
                    // commands only
                }
            });
            ftp.connect("::1", server.port());
            try {
                assertThat(ftp.login(TestServer.USER, TestServer.PASSWORD)).isTrue();
                assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
                if (passive) {
                    ftp.enterLocalPassiveMode();
                } else {
                    ftp.enterLocalActiveMode();
                }
                String name = "cn-" + passive + ".bin";
                assertThat(ftp.storeFile(name, new ByteArrayInputStream(data))).as(ftp.getReplyString()).isTrue();
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                assertThat(ftp.retrieveFile(name, back)).as(ftp.getReplyString()).isTrue();
                assertThat(back.toByteArray()).isEqualTo(data);
                assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(data);
                assertThat(verbs).contains(passive ? "EPSV" : "EPRT").doesNotContain("PASV", "PORT");
            } finally {
                ftp.disconnect();
            }
        }
    }
}
