package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A virtual user's own bandwidth caps ({@code ferry user add --upload-rate/--download-rate},
 * pure-ftpd's per-user {@code -t}/{@code -T}): a capped transfer takes at least its size over
 * the rate, in both directions and in both types, and arrives whole. The bounds asserted are
 * lower bounds, which a slow machine cannot break.
 */
class UserRateLimitTest {
    private static final long RATE = 256 << 10;

    @TempDir
    Path dir;
    private ConfiguredServer server;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        StoredUser carol = ConfiguredServer.user("carol");
        carol = new StoredUser(carol.name(), carol.passwordHash(), carol.home(), true,
                new UserLimits(0, RATE, RATE, 0, 0), carol.groups()); // as `ferry user add` stores them
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                """, List.of(carol));
        home = dir.resolve("data").resolve("home").resolve("carol");
        Files.createDirectories(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawFtpClient carol(String type) {
        RawFtpClient raw = server.connect();
        raw.login("carol", "carol-secret");
        assertThat(raw.command("TYPE " + type).code()).isEqualTo(200);
        return raw;
    }

    /**
     * 2.5 s of data, and half a second of it: small enough for the control thread's at-once path,
     * which a capped transfer never takes.
     */
    @ParameterizedTest(name = "{0} bytes over {1}")
    @CsvSource({"655360, EPSV", "131072, PASV"})
    void aDownloadTakesAtLeastItsSizeOverTheRate(int size, RawMode mode) throws Exception {
        byte[] data = TransferSupport.randomBytes(size, size);
        Files.write(home.resolve("down.bin"), data);
        try (RawFtpClient raw = carol("I")) {
            long start = System.nanoTime();
            assertThat(TransferSupport.retrieve(raw, mode, "down.bin")).isEqualTo(data);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(size * 1000L / RATE - 50));
        }
    }

    @Test
    void anUploadTakesAtLeastItsSizeOverTheRate() throws Exception {
        byte[] data = TransferSupport.randomBytes((int) (RATE * 2), 7); // 2 s at the rate
        try (RawFtpClient raw = carol("I")) {
            long start = System.nanoTime();
            TransferSupport.upload(raw, RawMode.PASV, "STOR up.bin", data);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        }
        assertThat(Files.readAllBytes(home.resolve("up.bin"))).isEqualTo(data);
    }

    @Test
    void anAsciiDownloadIsHeldToTheRate() throws Exception {
        String text = "line\n".repeat((int) (RATE / 5)); // RATE bytes on disk, more on the wire
        Files.writeString(home.resolve("text.txt"), text);
        try (RawFtpClient raw = carol("A")) {
            long start = System.nanoTime();
            byte[] got = TransferSupport.retrieve(raw, RawMode.EPSV, "text.txt");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(new String(got, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("line\r\n".repeat((int) (RATE / 5)));
        }
    }

    @Test
    void aborEndsACappedDownloadWithoutWaitingForTheRate() throws Exception {
        Files.write(home.resolve("long.bin"), TransferSupport.randomBytes(16 << 20, 8)); // a minute at the rate
        try (RawFtpClient raw = carol("I"); var link = RawMode.PASV.prepare(raw)) {
            RawReply opening = raw.command("RETR long.bin");
            assertThat(opening.code()).as(opening.toString()).isEqualTo(150);
            InputStream in = link.socket().getInputStream();
            assertThat(in.readNBytes(1000)).hasSize(1000);
            raw.send("ABOR");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            link.close();
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void theCapIsTheUsersAlone() throws Exception {
        // bob has no rate of his own: the file that takes carol 2.5 s comes to him at loopback
        // speed (milliseconds); the bound leaves a wide margin for a slow machine
        byte[] data = TransferSupport.randomBytes((int) (RATE * 5 / 2), 9);
        Path bobHome = dir.resolve("data").resolve("home").resolve("bob");
        Files.createDirectories(bobHome);
        Files.write(bobHome.resolve("b.bin"), data);
        try (RawFtpClient raw = server.connect()) {
            raw.login("bob", "bob-secret");
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(TransferSupport.retrieve(raw, RawMode.EPSV, "b.bin")).isEqualTo(data);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
        }
    }
}
