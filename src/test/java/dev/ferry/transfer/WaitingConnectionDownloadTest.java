package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small downloads whose passive connection is already open when RETR arrives: the server sends
 * them without handing them to a transfer thread. The replies, the bytes and the passive-port
 * theft check must be exactly those of any other download (RFC 959 §3.2, §4.2; RFC 2577 §5).
 */
class WaitingConnectionDownloadTest {
    @TempDir
    static Path temp;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(temp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static RawFtpClient binarySession() {
        RawFtpClient raw = server.raw();
        raw.login();
        assertThat(raw.command("TYPE I").code()).isEqualTo(200);
        return raw;
    }

    @Test
    void aFileAtTheSizeLimitReachesAClientThatReadsSlowly() throws Exception {
        // the largest file tried at once, to a 4 KiB window: what the socket does not take at
        // once must still arrive, in order, after the 150 and before the 226
        byte[] content = TransferSupport.randomBytes(128 << 10, 7);
        Files.write(server.home().resolve("edge.bin"), content);
        try (RawFtpClient raw = binarySession()) {
            InetSocketAddress advertised = TransferSupport.parsePasv(raw.command("PASV"));
            InetSocketAddress target = new InetSocketAddress(advertised.getHostString(), advertised.getPort());
            try (Socket data = new Socket()) {
                data.setReceiveBufferSize(4096);
                data.connect(target, 10_000);
                data.setSoTimeout(20_000);
                RawReply opening = raw.command("RETR edge.bin");
                assertThat(opening.code()).as(opening.toString()).isEqualTo(150);
                assertThat(opening.text()).contains("(131072 bytes)");
                byte[] got = readSlowly(data.getInputStream());
                assertThat(got).isEqualTo(content);
            }
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(raw.command("STAT").all()).doesNotContain("bytes so far");
        }
    }

    @Test
    void manySmallFilesInARowEachGetExactlyTheirBytesAndOne226() throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.write(server.home().resolve("s" + i + ".bin"), TransferSupport.randomBytes(i * 700, i));
        }
        try (RawFtpClient raw = binarySession()) {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 20; i++) {
                    Socket data = raw.extendedPassive();
                    RawReply opening = raw.command("RETR s" + i + ".bin");
                    assertThat(opening.code()).as(opening.toString()).isEqualTo(150);
                    assertThat(RawFtpClient.readAll(data)).isEqualTo(TransferSupport.randomBytes(i * 700, i));
                    RawReply done = raw.read();
                    assertThat(done.code()).as(done.toString()).isEqualTo(226);
                }
            }
            // nothing left over on the control connection: the next command gets its own reply
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void aConnectionFromAnotherHostWaitingFirstIsRefusedAndTheClientStillGetsTheFile() throws Exception {
        byte[] content = TransferSupport.randomBytes(3000, 11);
        Files.write(server.home().resolve("mine.bin"), content);
        try (RawFtpClient raw = binarySession()) {
            InetSocketAddress advertised = TransferSupport.parsePasv(raw.command("PASV"));
            InetSocketAddress target = new InetSocketAddress(advertised.getHostString(), advertised.getPort());
            try (Socket thief = connectFrom("127.0.0.2", target); Socket mine = connectFrom("127.0.0.1", target)) {
                RawReply opening = raw.command("RETR mine.bin");
                assertThat(opening.code()).as(opening.toString()).isEqualTo(150);
                assertThat(RawFtpClient.readAll(mine)).isEqualTo(content);
                assertThat(raw.read().code()).isEqualTo(226);
                assertThat(RawFtpClient.readAll(thief)).isEmpty();
            }
        }
    }

    private static Socket connectFrom(String local, InetSocketAddress target) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(target, 10_000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Reads to the end in small steps, pausing, so the server meets a full window. */
    private static byte[] readSlowly(InputStream in) throws IOException, InterruptedException {
        var out = new java.io.ByteArrayOutputStream();
        byte[] step = new byte[2048];
        int n;
        int reads = 0;
        while ((n = in.read(step)) >= 0) {
            out.write(step, 0, n);
            if (++reads % 8 == 0) {
                Thread.sleep(5);
            }
        }
        return out.toByteArray();
    }
}
