package dev.ferry.protocol;

import static dev.ferry.transfer.TransferSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.DataLink;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code HiddenStores} and Pure-FTPd's {@code -0} ({@code --notruncate}): an upload
 * goes to ".in.NAME." (or PREFIX NAME ".") next to its target and replaces it only once
 * complete; a failed or aborted upload leaves nothing behind and the old file intact.
 */
class HiddenStoresTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** An upload that has sent its first bytes and waits for the test to finish it. */
    private static final class SlowUpload implements AutoCloseable {
        private final RawFtpClient client;
        private final DataLink link;
        private final OutputStream out;

        SlowUpload(RawFtpClient client, String command, byte[] first) {
            this.client = client;
            this.link = RawMode.PASV.prepare(client);
            RawReply opening = client.command(command);
            assertThat(opening.code()).as("%s: %s", command, opening).isEqualTo(150);
            try {
                out = link.socket().getOutputStream();
                out.write(first);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends the rest, closes the data connection and returns the final reply. */
        RawReply finish(byte[] rest) {
            try {
                out.write(rest);
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return client.read();
        }

        @Override
        public void close() {
            link.close();
        }
    }

    @Test
    void aSlowUploadIsSeenOnlyUnderItsHiddenNameUntilComplete() {
        byte[] payload = TransferSupport.randomBytes(300_000, 7);
        try (RulesServer server = RulesServer.fromSwitches(dir, "-0");
             RawFtpClient uploader = server.alice();
             RawFtpClient watcher = server.alice()) {
            Path hidden = server.home().resolve(".in.x.bin.");
            try (SlowUpload upload = new SlowUpload(uploader, "STOR x.bin", Arrays.copyOf(payload, 1000))) {
                assertThat(eventually(WAIT, () -> size(hidden) == 1000)).isTrue();
                assertThat(RulesServer.names(watcher, "NLST -a")).containsExactly(".in.x.bin.");
                assertThat(RulesServer.names(watcher, "MLSD")).containsExactly(".in.x.bin.");
                assertThat(RulesServer.names(watcher, "NLST")).isEmpty();
                assertThat(upload.finish(Arrays.copyOfRange(payload, 1000, payload.length)).code()).isEqualTo(226);
            }
            assertThat(server.home().resolve("x.bin")).hasBinaryContent(payload);
            assertThat(hidden).doesNotExist();
            assertThat(RulesServer.names(watcher, "NLST -a")).containsExactly("x.bin");
        }
    }

    @Test
    void theOldFileStaysWholeUntilTheNewOneReplacesIt() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--notruncate");
             RawFtpClient uploader = server.alice();
             RawFtpClient reader = server.alice()) {
            Files.writeString(server.home().resolve("report.txt"), "old version\n");
            try (SlowUpload upload = new SlowUpload(uploader, "STOR report.txt", "new ".getBytes())) {
                assertThat(eventually(WAIT, () -> size(server.home().resolve(".in.report.txt.")) == 4)).isTrue();
                RulesServer.Exchange during = RulesServer.run(reader, "RETR report.txt");
                assertThat(during.code()).isEqualTo(226);
                assertThat(during.data()).isEqualTo("old version\n");
                assertThat(upload.finish("version\n".getBytes()).code()).isEqualTo(226);
            }
            assertThat(server.home().resolve("report.txt")).hasContent("new version\n");
            assertThat(RulesServer.names(reader, "NLST -a")).containsExactly("report.txt");
        }
    }

    @Test
    void anAbortedUploadLeavesNeitherTheFileNorItsHiddenName() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "HiddenStores on\nAllowOverwrite on\n");
             RawFtpClient client = server.alice()) {
            Path hidden = server.home().resolve(".in.big.bin.");
            try (SlowUpload upload = new SlowUpload(client, "STOR big.bin", new byte[5000])) {
                assertThat(eventually(WAIT, () -> size(hidden) == 5000)).isTrue();
                RawReply aborted = client.command("ABOR");
                assertThat(aborted.code()).as(aborted.all()).isEqualTo(426);
                assertThat(client.read().code()).isEqualTo(226);
            }
            assertThat(hidden).doesNotExist();
            assertThat(server.home().resolve("big.bin")).doesNotExist();
            try (var files = Files.list(server.home())) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void aHiddenNameInUseRefusesTheUploadAndIsLeftAlone() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-0");
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve(".in.busy.txt."), "someone else's upload");
            RawReply refused = client.command("STOR busy.txt");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).isEqualTo("Upload of busy.txt already in progress (.in.busy.txt. exists)");
            assertThat(server.home().resolve(".in.busy.txt.")).hasContent("someone else's upload");
            assertThat(server.home().resolve("busy.txt")).doesNotExist();
        }
    }

    @Test
    void stouUploadsUnderAHiddenNameToo() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-0");
             RawFtpClient client = server.alice();
             RawFtpClient watcher = server.alice()) {
            String name;
            try (SlowUpload upload = new SlowUpload(client, "STOU report", "part one, ".getBytes())) {
                assertThat(eventually(WAIT, () -> hiddenFiles(server.home()) == 1)).isTrue();
                name = RulesServer.names(watcher, "NLST -a").getFirst();
                assertThat(name).startsWith(".in.report.").endsWith(".");
                RawReply done = upload.finish("part two".getBytes());
                assertThat(done.code()).isEqualTo(226);
            }
            String unique = name.substring(".in.".length(), name.length() - 1);
            assertThat(server.home().resolve(unique)).hasContent("part one, part two");
            assertThat(RulesServer.names(watcher, "NLST -a")).containsExactly(unique);
        }
    }

    @Test
    void appeAndResumedUploadsWriteTheFileItself() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-0");
             RawFtpClient client = server.alice()) {
            Path log = server.home().resolve("log.txt");
            Files.writeString(log, "line 1\n");
            try (SlowUpload upload = new SlowUpload(client, "APPE log.txt", "line 2\n".getBytes())) {
                assertThat(eventually(WAIT, () -> size(log) == 14)).isTrue();
                assertThat(hiddenFiles(server.home())).isZero();
                assertThat(upload.finish("line 3\n".getBytes()).code()).isEqualTo(226);
            }
            assertThat(log).hasContent("line 1\nline 2\nline 3\n");
            assertThat(client.command("REST 7").code()).isEqualTo(350);
            TransferSupport.upload(client, RawMode.PASV, "STOR log.txt", "LINE 2\n".getBytes());
            assertThat(log).hasContent("line 1\nLINE 2\n");
            assertThat(hiddenFiles(server.home())).isZero();
        }
    }

    @Test
    void aPrefixInADirectoryNamesTheHiddenUploadsThere() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                AllowOverwrite on
                <Directory DIR/data/home/alice/incoming>
                  HiddenStores filepart-
                </Directory>
                """);
             RawFtpClient client = server.alice();
             RawFtpClient watcher = server.alice()) {
            Files.createDirectories(server.home().resolve("incoming"));
            try (SlowUpload upload = new SlowUpload(client, "STOR incoming/a.iso", "abc".getBytes())) {
                assertThat(eventually(WAIT, () -> size(server.home().resolve("incoming/filepart-a.iso.")) == 3))
                        .isTrue();
                assertThat(RulesServer.names(watcher, "NLST -a incoming")).containsExactly("incoming/filepart-a.iso.");
                assertThat(upload.finish("def".getBytes()).code()).isEqualTo(226);
            }
            assertThat(server.home().resolve("incoming/a.iso")).hasContent("abcdef");
            try (SlowUpload upload = new SlowUpload(client, "STOR top.iso", "abc".getBytes())) {
                assertThat(eventually(WAIT, () -> size(server.home().resolve("top.iso")) == 3)).isTrue();
                assertThat(upload.finish("".getBytes()).code()).isEqualTo(226);
            }
            try (var files = Files.list(server.home().resolve("incoming"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.iso");
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long hiddenFiles(Path directory) {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".in.")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
