package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -n FILES:MB}: every user without a quota of their own gets this one. Alice
 * has none of her own here.
 */
class QuotaSwitchTest {
    @TempDir
    Path dir;

    @Test
    void theServersQuotaLimitsAUserWithoutOne() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-n", "2:1");
             RawFtpClient alice = server.alice()) {
            Files.write(server.home().resolve("old.bin"), new byte[1000]);
            TransferSupport.upload(alice, RawMode.PASV, "STOR new.bin", new byte[1000]);
            alice.command("PASV");
            RawReply refused = alice.command("STOR third.bin");
            assertThat(refused.code()).as(refused.all()).isEqualTo(552);
            assertThat(refused.text()).isEqualTo("Quota exceeded: you may keep at most 2 files");
            assertThat(alice.command("AVBL").text()).isEqualTo(Long.toString((1 << 20) - 2000));
            assertThat(server.home().resolve("third.bin")).doesNotExist();
        }
    }

    @Test
    void withoutTheSwitchThereIsNoQuota() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient alice = server.alice()) {
            for (String name : new String[] {"a.bin", "b.bin", "c.bin"}) {
                TransferSupport.upload(alice, RawMode.PASV, "STOR " + name, new byte[10]);
            }
            assertThat(server.home().resolve("c.bin")).exists();
        }
    }
}
