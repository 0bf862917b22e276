package dev.ferry.protocol.tls;

import static dev.ferry.protocol.tls.FtpsRawClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses the wire of a data connection, seen by a TCP relay between the client and the
 * passive port: the file's bytes under PROT C, none of them under PROT P. Also ABOR and STAT
 * while a protected transfer runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataProtectionSniffTest {
    private static final String SECRET = "the launch code is 0000 - ";

    @TempDir
    static Path temp;
    private FtpsServer server;

    @BeforeAll
    void start() throws IOException {
        server = FtpsServer.builder(temp).start();
        Files.writeString(server.home().resolve("secret.txt"), SECRET.repeat(200));
        byte[] big = new byte[32 << 20];
        Files.write(server.home().resolve("big.bin"), big);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void protClearShowsTheFileOnTheWire() throws Exception {
        try (FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            expect(c.auth("TLS"), 234);
            expect(c.command("PBSZ 0"), 200);
            expect(c.command("PROT C"), 200);
            c.login();
            String seen = sniffRetr(c, false);
            assertThat(seen).contains(SECRET);
        }
    }

    @Test
    void protPrivateHidesIt() throws Exception {
        try (FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            c.secure();
            c.login();
            String seen = sniffRetr(c, true);
            assertThat(seen).isNotEmpty().doesNotContain("launch code").doesNotContain("0000 - the");
        }
    }

    /** RETR through the relay; returns what the relay saw going from the server to the client. */
    private static String sniffRetr(FtpsRawClient c, boolean tls) throws Exception {
        int port = c.pasv();
        try (Relay relay = new Relay(port)) {
            c.send("RETR secret.txt");
            Socket data = FtpsRawClient.open(relay.port());
            if (tls) {
                data = c.protect(data, true);
            }
            byte[] received = FtpsRawClient.readAll(data);
            assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(SECRET.repeat(200));
            expect(c.read(), 150);
            expect(c.read(), 226);
            return new String(relay.seen(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void statAndAborWorkDuringAProtectedTransfer() throws Exception {
        try (FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            c.secure();
            c.login();
            expect(c.command("TYPE I"), 200);
            int port = c.pasv();
            c.send("RETR big.bin");
            Socket data = c.protect(FtpsRawClient.open(port), true);
            InputStream in = data.getInputStream();
            byte[] some = in.readNBytes(1 << 20); // the transfer is running; the rest waits in buffers
            assertThat(some).hasSize(1 << 20);
            expect(c.read(), 150);
            FtpsRawClient.Reply stat = c.command("STAT");
            assertThat(stat.code()).isEqualTo(211);
            assertThat(stat.all()).contains("Transfer in progress");
            c.send("ABOR");
            FtpsRawClient.Reply first = c.read();
            assertThat(first.code()).isEqualTo(426);
            assertThat(c.read().code()).isEqualTo(226);
            data.close();
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
    }

    /** A one-connection TCP relay to 127.0.0.1:{@code target} that records the target's bytes. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private final Thread worker;
        private volatile Exception failure;

        Relay(int target) throws IOException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(FtpsRawClient.HOST, 0));
            // own threads: the common pool may have a single one on a small machine
            worker = Thread.ofPlatform().daemon().start(() -> {
                try (Socket client = listener.accept();
                     Socket upstream = new Socket(FtpsRawClient.HOST, target)) {
                    Thread up = Thread.ofPlatform().daemon().start(() -> pump(client, upstream, null));
                    pump(upstream, client, seen);
                    up.join(20_000);
                } catch (Exception e) {
                    failure = e;
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the other side went away; the recording holds what passed
            }
        }

        byte[] seen() throws Exception {
            worker.join(20_000);
            if (failure != null) {
                throw failure;
            }
            synchronized (seen) {
                return seen.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
