package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.TlsLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips with Apache Commons Net's FTPSClient, explicit (AUTH TLS) and implicit, with
 * PROT P data connections that resume the control session (RFC 4217 §10.2, required by
 * default); and what the stock client, which does not resume, is told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommonsNetFtpsTest {
    @TempDir
    static Path temp;
    private FtpsServer server;

    @BeforeAll
    void start() {
        server = FtpsServer.builder(temp).implicit().start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Arguments> roundTrips() {
        // 24 MiB: more than the server's receive buffers grow to (4 MiB, 64 TLS records)
        return Stream.of(0, 1, 64 * 1024 + 1, 5 * 1024 * 1024, 24 << 20).flatMap(size ->
                Stream.of(Arguments.of(false, size), Arguments.of(true, size)));
    }

    @ParameterizedTest(name = "implicit={0}, {1} bytes")
    @MethodSource("roundTrips")
    void uploadListDownloadByteExact(boolean implicit, int size) throws IOException {
        byte[] content = content(size, size * 31L + (implicit ? 1 : 0));
        String name = (implicit ? "implicit-" : "explicit-") + size + ".bin";
        FTPSClient client = loggedIn(new ResumingFtpsClient(implicit, FtpsRawClient.trustAll("TLS")), implicit);
        try {
            assertThat(client.storeFile(name, new ByteArrayInputStream(content))).as(client.getReplyString()).isTrue();
            assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(content);
            FTPFile[] listed = client.listFiles(name);
            assertThat(listed).as(client.getReplyString()).hasSize(1);
            assertThat(listed[0].getName()).isEqualTo(name);
            assertThat(listed[0].getSize()).isEqualTo(size);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(client.retrieveFile(name, back)).as(client.getReplyString()).isTrue();
            assertThat(back.toByteArray()).isEqualTo(content);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void tls12RoundTripResumesBySessionOrTicket() throws IOException {
        byte[] content = content(200_000, 12);
        FTPSClient client = loggedIn(new ResumingFtpsClient(false, FtpsRawClient.trustAll("TLS"), "TLSv1.2"), false);
        try {
            assertThat(client.storeFile("tls12.bin", new ByteArrayInputStream(content))).isTrue();
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(client.retrieveFile("tls12.bin", back)).isTrue();
            assertThat(back.toByteArray()).isEqualTo(content);
            assertThat(client.listNames()).contains("tls12.bin");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void stockClientDoesNotResumeAndIsToldWhy() throws IOException {
        FTPSClient client = loggedIn(new FTPSClient(false, FtpsRawClient.trustAll("TLS")), false);
        try {
            assertThat(client.storeFile("stock.bin", new ByteArrayInputStream(new byte[10]))).isFalse();
            assertThat(client.getReplyCode()).isEqualTo(522);
            assertThat(client.getReplyString().strip()).isEqualTo("522 TLS session of data connection not resumed: "
                    + "the client must reuse its control connection's TLS session (session reuse is required)");
            assertThat(server.home().resolve("stock.bin")).doesNotExist();
            // the refusal ends nothing: the control connection still works
            assertThat(client.printWorkingDirectory()).isEqualTo("/");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void stockClientWorksWhenReuseIsNotRequired(@TempDir Path other) throws IOException {
        try (FtpsServer relaxed = FtpsServer.builder(other).level(TlsLevel.OPTIONAL).noSessionReuseRequired().start()) {
            FTPSClient client = new FTPSClient(false, FtpsRawClient.trustAll("TLS"));
            client.setDefaultTimeout(20_000);
            client.connect("127.0.0.1", relaxed.port());
            try {
                assertThat(client.login(FtpsServer.USER, FtpsServer.PASSWORD)).isTrue();
                client.execPBSZ(0);
                client.execPROT("P");
                client.setFileType(FTP.BINARY_FILE_TYPE);
                client.enterLocalPassiveMode();
                byte[] content = content(70_000, 5);
                assertThat(client.storeFile("stock.bin", new ByteArrayInputStream(content))).isTrue();
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                assertThat(client.retrieveFile("stock.bin", back)).isTrue();
                assertThat(back.toByteArray()).isEqualTo(content);
            } finally {
                client.disconnect();
            }
        }
    }

    private FTPSClient loggedIn(FTPSClient client, boolean implicit) throws IOException {
        client.setDefaultTimeout(20_000);
        client.setConnectTimeout(10_000);
        client.connect("127.0.0.1", implicit ? server.implicitPort() : server.port());
        client.setSoTimeout(20_000);
        assertThat(client.login(FtpsServer.USER, FtpsServer.PASSWORD)).as(client.getReplyString()).isTrue();
        client.execPBSZ(0);
        client.execPROT("P");
        client.setFileType(FTP.BINARY_FILE_TYPE);
        client.enterLocalPassiveMode();
        return client;
    }

    static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
