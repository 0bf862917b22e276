package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code TransferRate}: every login's transfers are held to the server's rate unless the
 * user has one of their own, and {@code TransferRate} inside {@code <Anonymous>} holds anonymous
 * logins. Lower bounds are asserted where a cap applies; where none does, an upper bound far
 * above loopback speed.
 */
class ServerRateLimitTest {
    private static final int KIB = 1024;

    @TempDir
    Path dir;

    private static Duration timedRetrieve(RawFtpClient raw, String name, byte[] expected) {
        long start = System.nanoTime();
        assertThat(TransferSupport.retrieve(raw, RawMode.EPSV, name)).isEqualTo(expected);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void theServersRateHoldsUsersWithoutOneOfTheirOwn() throws Exception {
        StoredUser carol = ConfiguredServer.user("carol");
        carol = new StoredUser(carol.name(), carol.passwordHash(), carol.home(), true,
                new UserLimits(0, 0, 8192 * KIB, 0, 0), carol.groups()); // her own download rate: 8 MiB/s
        Path pub = Files.createDirectories(dir.resolve("pub"));
        byte[] data = TransferSupport.randomBytes(384 * KIB, 3); // 3 s at 128 KiB/s
        try (ConfiguredServer server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                TransferRate RETR 128
                AllowOverwrite on
                <Anonymous @DIR@/pub>
                  User ftp
                  TransferRate RETR,STOR 64.5
                </Anonymous>
                """, List.of(carol))) {
            for (String user : List.of("bob", "carol")) {
                Path home = Files.createDirectories(dir.resolve("data").resolve("home").resolve(user));
                Files.write(home.resolve("f.bin"), data);
            }
            Files.write(pub.resolve("small.bin"), java.util.Arrays.copyOf(data, 96 * KIB)); // 1.5 s at 64.5 KiB/s
            try (RawFtpClient bob = server.connect(); RawFtpClient carolClient = server.connect();
                 RawFtpClient anonymous = server.connect()) {
                bob.login("bob", "bob-secret");
                bob.command("TYPE I");
                carolClient.login("carol", "carol-secret");
                carolClient.command("TYPE I");
                anonymous.login("ftp", "guest@example.org");
                anonymous.command("TYPE I");

                assertThat(timedRetrieve(bob, "f.bin", data)).isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
                assertThat(timedRetrieve(carolClient, "f.bin", data)).isLessThan(Duration.ofMillis(2_000));
                assertThat(timedRetrieve(anonymous, "small.bin", java.util.Arrays.copyOf(data, 96 * KIB)))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
            }
        }
    }
}
