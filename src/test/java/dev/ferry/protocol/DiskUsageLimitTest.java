package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -k PERCENT}: no upload starts while the file system is fuller than that.
 * The limits are set a few points either side of what {@code df} reports for the test's own
 * file system, so other writers on the machine cannot tip the outcome.
 */
class DiskUsageLimitTest {
    @TempDir
    Path dir;

    @Test
    void uploadsAreRefusedAboveTheLimitAndAllowedBelowIt() throws Exception {
        int used = dfPercent(dir);
        assumeThat(used).as("df reports the use of the test file system").isBetween(7, 93);
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("full"), "-k", Integer.toString(used - 5));
             RawFtpClient client = server.alice()) {
            client.command("PASV");
            RawReply refused = client.command("STOR big.bin");
            assertThat(refused.code()).isEqualTo(452);
            assertThat(refused.text()).isEqualTo("Disk almost full: uploads are refused above " + (used - 5)
                    + "% use, try again later");
            assertThat(server.home().resolve("big.bin")).doesNotExist();
            assertThat(client.command("MKD still-possible").code()).isEqualTo(257); // only uploads are refused
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("room"), "-k", Integer.toString(used + 5));
             RawFtpClient client = server.alice()) {
            TransferSupport.upload(client, RawMode.PASV, "STOR small.bin", "data".getBytes(StandardCharsets.UTF_8));
            assertThat(server.home().resolve("small.bin")).hasContent("data");
        }
    }

    /** What {@code df} prints as Use% for the file system holding {@code path}. */
    private static int dfPercent(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path);
        Process df = new ProcessBuilder("df", "-P", path.toString()).redirectErrorStream(true).start();
        String out = new String(df.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeThat(df.waitFor()).as("df runs").isZero();
        String[] lines = out.strip().split("\n");
        String[] fields = lines[lines.length - 1].trim().split("\\s+");
        return Integer.parseInt(fields[4].replace("%", ""));
    }
}
