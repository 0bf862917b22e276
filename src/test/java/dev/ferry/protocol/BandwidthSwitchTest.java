package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -t} (anonymous logins) and {@code -T} (everyone) bandwidth switches, in KB/s,
 * {@code UPLOAD:DOWNLOAD} with an empty side for no cap. Capped transfers are bounded from below;
 * uncapped ones from above, with a wide margin.
 */
class BandwidthSwitchTest {
    private static final int KIB = 1024;

    @TempDir
    Path dir;

    private static Duration timed(Runnable transfer) {
        long start = System.nanoTime();
        transfer.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void dashTHoldsAnonymousLoginsOnly() throws Exception {
        byte[] data = TransferSupport.randomBytes(256 * KIB, 5); // 2 s at 128 KiB/s
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "-t", "128")) {
            Files.write(server.anonymousRoot().resolve("a.bin"), data);
            Files.write(server.home().resolve("a.bin"), data);
            try (RawFtpClient anonymous = server.connect(); RawFtpClient alice = server.alice()) {
                anonymous.login("anonymous", "guest@example.org");
                anonymous.command("TYPE I");
                assertThat(timed(() -> assertThat(TransferSupport.retrieve(anonymous, RawMode.PASV, "a.bin"))
                        .isEqualTo(data))).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
                assertThat(timed(() -> assertThat(TransferSupport.retrieve(alice, RawMode.PASV, "a.bin"))
                        .isEqualTo(data))).isLessThan(Duration.ofMillis(1_500));
            }
        }
    }

    @Test
    void dashTUploadColonCapsUploadsAndLeavesDownloadsFree() throws Exception {
        byte[] data = TransferSupport.randomBytes(256 * KIB, 6);
        try (RulesServer server = RulesServer.fromSwitches(dir, "-T", "128:");
             RawFtpClient alice = server.alice()) {
            assertThat(timed(() -> TransferSupport.upload(alice, RawMode.PASV, "STOR up.bin", data)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            assertThat(Files.readAllBytes(server.home().resolve("up.bin"))).isEqualTo(data);
            assertThat(timed(() -> assertThat(TransferSupport.retrieve(alice, RawMode.PASV, "up.bin"))
                    .isEqualTo(data))).isLessThan(Duration.ofMillis(1_500));
        }
    }
}
