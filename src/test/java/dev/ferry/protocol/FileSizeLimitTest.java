package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.DataLink;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code MaxStoreFileSize} and {@code MaxRetrieveFileSize} (mod_xfer): an upload that
 * would make the file larger than the limit stops with 552 and leaves no partial file; a
 * download of a larger file is refused before any data connection is opened.
 */
class FileSizeLimitTest {
    @TempDir
    Path dir;

    /** Sends {@code data} for {@code command} and returns the final reply, however the server cut it off. */
    private static RawReply upload(RawFtpClient client, String command, byte[] data) {
        try (DataLink link = RawMode.PASV.prepare(client)) {
            RawReply opening = client.command(command);
            assertThat(opening.code()).as(opening.all()).isEqualTo(150);
            try (OutputStream out = link.socket().getOutputStream()) {
                out.write(data);
            } catch (IOException e) {
                // the server may close the connection as soon as the limit is passed
            }
            return client.read();
        }
    }

    @Test
    void anUploadOverTheLimitIsStoppedWith552AndRemoved() {
        try (RulesServer server = RulesServer.fromConfig(dir, "MaxStoreFileSize 1 KB\nAllowOverwrite on\n");
             RawFtpClient client = server.alice()) {
            RawReply cut = upload(client, "STOR big.bin", new byte[1025]);
            assertThat(cut.code()).isEqualTo(552);
            assertThat(cut.text()).isEqualTo("Transfer aborted: big.bin would exceed the upload limit of 1024 bytes");
            assertThat(server.home().resolve("big.bin")).doesNotExist();
            byte[] exact = TransferSupport.randomBytes(1024, 3);
            assertThat(upload(client, "STOR exact.bin", exact).code()).isEqualTo(226);
            assertThat(server.home().resolve("exact.bin")).hasBinaryContent(exact);
            // replacing a file with one too large removes it, as ProFTPD does
            assertThat(upload(client, "STOR exact.bin", new byte[4096]).code()).isEqualTo(552);
            assertThat(server.home().resolve("exact.bin")).doesNotExist();
        }
    }

    @Test
    void appendsAndResumedUploadsCountTheWholeFileAndKeepWhatWasThere() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                MaxStoreFileSize 100 B
                AllowOverwrite on
                AllowStoreRestart on
                """);
             RawFtpClient client = server.alice()) {
            Path log = server.home().resolve("log.txt");
            Files.write(log, new byte[90]);
            assertThat(upload(client, "APPE log.txt", new byte[10]).code()).isEqualTo(226);
            assertThat(upload(client, "APPE log.txt", new byte[1]).code()).isEqualTo(552);
            assertThat(log).hasSize(100);
            assertThat(client.command("REST 50").code()).isEqualTo(350);
            assertThat(upload(client, "STOR log.txt", new byte[51]).code()).isEqualTo(552);
            assertThat(log).hasSize(50);
            assertThat(upload(client, "APPE fresh.txt", new byte[101]).code()).isEqualTo(552);
            assertThat(server.home().resolve("fresh.txt")).doesNotExist();
        }
    }

    @Test
    void aHiddenUploadOverTheLimitLeavesNothingAndTheOldFileWhole() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                MaxStoreFileSize 10 B
                HiddenStores on
                AllowOverwrite on
                """);
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("keep.txt"), "old");
            assertThat(upload(client, "STOR keep.txt", new byte[11]).code()).isEqualTo(552);
            assertThat(server.home().resolve("keep.txt")).hasContent("old");
            try (var files = Files.list(server.home())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
            }
        }
    }

    @Test
    void aDirectoryCanLiftTheLimitWithAStar() {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                MaxStoreFileSize 10 B
                <Directory DIR/data/home/alice/big>
                  MaxStoreFileSize *
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            assertThat(client.command("MKD big").code()).isEqualTo(257);
            assertThat(upload(client, "STOR big/large.bin", new byte[5000]).code()).isEqualTo(226);
            assertThat(upload(client, "STOR small.bin", new byte[11]).code()).isEqualTo(552);
        }
    }

    @Test
    void aDownloadOverTheLimitIsRefusedBeforeTheDataConnection() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "MaxRetrieveFileSize 2 Kb\n");
             RawFtpClient client = server.alice()) {
            Files.write(server.home().resolve("large.bin"), new byte[2049]);
            byte[] fits = TransferSupport.randomBytes(2048, 11);
            Files.write(server.home().resolve("fits.bin"), fits);
            RawFtpClient.RawReply pasv = client.command("PASV");
            assertThat(pasv.code()).isEqualTo(227);
            RawReply refused = client.command("RETR large.bin");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).isEqualTo("large.bin is larger than the download limit of 2048 bytes");
            assertThat(TransferSupport.retrieve(client, RawMode.PASV, "fits.bin")).isEqualTo(fits);
        }
    }
}
