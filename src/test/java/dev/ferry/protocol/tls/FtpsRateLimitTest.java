package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own rates hold over PROT P too, where the bytes pass through the TLS layer instead of
 * {@code sendfile}: each direction takes at least its size over the rate, and arrives whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FtpsRateLimitTest {
    private static final long RATE = 256 << 10;

    @TempDir
    static Path temp;
    private FtpsServer server;

    @BeforeAll
    void start() {
        server = FtpsServer.builder(temp).bobRate(RATE).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void protectedUploadAndDownloadAreHeldToTheUsersRate() throws IOException {
        byte[] content = CommonsNetFtpsTest.content((int) (RATE * 3 / 2), 11); // 1.5 s each way
        FTPSClient client = new ResumingFtpsClient(false, FtpsRawClient.trustAll("TLS"));
        client.setDefaultTimeout(20_000);
        client.connect("127.0.0.1", server.port());
        client.setSoTimeout(20_000);
        try {
            assertThat(client.login("bob", "bob-secret")).as(client.getReplyString()).isTrue();
            client.execPBSZ(0);
            client.execPROT("P");
            client.setFileType(FTP.BINARY_FILE_TYPE);
            client.enterLocalPassiveMode();

            long start = System.nanoTime();
            assertThat(client.storeFile("up.bin", new ByteArrayInputStream(content))).as(client.getReplyString())
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_450));
            assertThat(Files.readAllBytes(server.home("bob").resolve("up.bin"))).isEqualTo(content);

            start = System.nanoTime();
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(client.retrieveFile("up.bin", back)).as(client.getReplyString()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_450));
            assertThat(back.toByteArray()).isEqualTo(content);
        } finally {
            client.disconnect();
        }
    }
}
