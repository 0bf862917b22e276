package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport.DataLink;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtual user's quota ({@code ferry user add --quota-files/--quota-bytes}, Pure-FTPd's
 * per-user {@code -n}/{@code -N}): what the home already holds counts, an upload that would pass
 * the quota gets 552 and leaves nothing behind, and deleting or replacing files frees room.
 */
class UserQuotaTest {
    private static final int FILES = 3;
    private static final int BYTES = 10_000;

    @TempDir
    Path dir;
    private ConfiguredServer server;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        startWith(dir, "");
    }

    private void startWith(Path base, String extra) throws Exception {
        StoredUser dave = ConfiguredServer.user("dave");
        dave = new StoredUser(dave.name(), dave.passwordHash(), dave.home(), true,
                new UserLimits(0, 0, 0, BYTES, FILES), dave.groups()); // as `ferry user add` stores them
        server = ConfiguredServer.start(base, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                AllowOverwrite on
                AllowStoreRestart on
                """ + extra, List.of(dave));
        home = base.resolve("data").resolve("home").resolve("dave");
        Files.createDirectories(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawFtpClient dave() {
        RawFtpClient raw = server.connect();
        raw.login("dave", "dave-secret");
        assertThat(raw.command("TYPE I").code()).isEqualTo(200);
        return raw;
    }

    /** An upload the server may cut short: the final reply, whatever writing the rest did. */
    private static RawReply store(RawFtpClient raw, String command, byte[] data) {
        try (DataLink link = RawMode.EPSV.prepare(raw)) {
            RawReply opening = raw.command(command);
            if (opening.code() != 150) {
                return opening;
            }
            Socket socket = link.socket();
            try (OutputStream out = socket.getOutputStream()) {
                out.write(data);
            } catch (IOException cut) {
                // the server stopped reading: its reply says why
            }
            return raw.read();
        }
    }

    @Test
    void theFileQuotaRefusesOneFileMoreButNotAReplacement() throws Exception {
        Files.write(home.resolve("old.txt"), new byte[10]);
        try (RawFtpClient raw = dave()) {
            assertThat(store(raw, "STOR a.bin", new byte[100]).code()).isEqualTo(226);
            assertThat(store(raw, "STOR b.bin", new byte[100]).code()).isEqualTo(226);
            RawReply refused = raw.command("STOR c.bin");
            assertThat(refused.code()).as(refused.all()).isEqualTo(552);
            assertThat(refused.text()).contains("at most 3 files");
            assertThat(home.resolve("c.bin")).doesNotExist();
            assertThat(store(raw, "STOR a.bin", new byte[200]).code()).as("replacing adds no file").isEqualTo(226);
            assertThat(raw.command("DELE old.txt").code()).isEqualTo(250);
            assertThat(store(raw, "STOR c.bin", new byte[100]).code()).as("room after DELE").isEqualTo(226);
        }
    }

    @Test
    void anUploadPastTheByteQuotaIsCutAndRemoved() throws Exception {
        Files.write(home.resolve("kept.bin"), new byte[6_000]);
        try (RawFtpClient raw = dave()) {
            RawReply cut = store(raw, "STOR big.bin", new byte[5_000]);
            assertThat(cut.code()).as(cut.all()).isEqualTo(552);
            assertThat(cut.text()).contains("quota exceeded").contains("not saved");
            assertThat(home.resolve("big.bin")).doesNotExist();
            assertThat(store(raw, "STOR fits.bin", new byte[4_000]).code()).as("exactly what is left").isEqualTo(226);
            RawReply full = raw.command("STOR more.bin");
            assertThat(full.code()).as(full.all()).isEqualTo(552);
            assertThat(full.text()).contains("at most 10000 bytes");
        }
    }

    @Test
    void anAppendPastTheByteQuotaLeavesTheFileAsItWas() throws Exception {
        byte[] before = TransferSupport.randomBytes(8_000, 1);
        Files.write(home.resolve("log.bin"), before);
        try (RawFtpClient raw = dave()) {
            RawReply cut = store(raw, "APPE log.bin", new byte[3_000]);
            assertThat(cut.code()).as(cut.all()).isEqualTo(552);
            assertThat(cut.text()).contains("kept as it was");
            assertThat(Files.readAllBytes(home.resolve("log.bin"))).isEqualTo(before);
            assertThat(store(raw, "APPE log.bin", new byte[2_000]).code()).isEqualTo(226);
            assertThat(Files.size(home.resolve("log.bin"))).isEqualTo(10_000);
        }
    }

    @Test
    void replacingAFileMayUseItsOwnBytes() throws Exception {
        Files.write(home.resolve("a.bin"), new byte[9_000]);
        try (RawFtpClient raw = dave()) {
            assertThat(store(raw, "STOR a.bin", new byte[9_500]).code()).isEqualTo(226);
            assertThat(Files.size(home.resolve("a.bin"))).isEqualTo(9_500);
        }
    }

    @Test
    void sessionsOfOneUserShareTheQuota() throws Exception {
        try (RawFtpClient first = dave(); RawFtpClient second = dave()) {
            assertThat(store(first, "STOR one.bin", new byte[7_000]).code()).isEqualTo(226);
            RawReply cut = store(second, "STOR two.bin", new byte[7_000]);
            assertThat(cut.code()).as("the second session sees the first one's file: %s", cut).isEqualTo(552);
            assertThat(home.resolve("two.bin")).doesNotExist();
        }
    }

    @Test
    void aRenameOverAFileFreesItsBytes() throws Exception {
        Files.write(home.resolve("a.bin"), new byte[5_000]);
        Files.write(home.resolve("b.bin"), new byte[5_000]);
        try (RawFtpClient raw = dave()) {
            assertThat(raw.command("STOR c.bin").code()).as("full").isEqualTo(552);
            assertThat(raw.command("RNFR a.bin").code()).isEqualTo(350);
            assertThat(raw.command("RNTO b.bin").code()).isEqualTo(250);
            assertThat(store(raw, "STOR c.bin", new byte[5_000]).code()).isEqualTo(226);
        }
    }

    @Test
    void avblAndAlloKnowWhatTheQuotaLeaves() throws Exception {
        Files.write(home.resolve("a.bin"), new byte[2_500]);
        Files.createDirectories(home.resolve("sub"));
        Files.write(home.resolve("sub").resolve("b.bin"), new byte[500]);
        try (RawFtpClient raw = dave()) {
            RawReply avbl = raw.command("AVBL");
            assertThat(avbl.code()).isEqualTo(213);
            assertThat(avbl.text()).isEqualTo("7000");
            assertThat(raw.command("ALLO 7000").code()).isEqualTo(202);
            assertThat(raw.command("ALLO 7001").code()).isEqualTo(552);
        }
    }

    @Test
    void aNewLoginCountsWhatChangedWhileNobodyWasLoggedIn() throws Exception {
        try (RawFtpClient raw = dave()) {
            assertThat(raw.command("AVBL").text()).isEqualTo("10000");
        }
        Files.write(home.resolve("outside.bin"), new byte[4_000]); // put there by other means
        awaitLogout();
        try (RawFtpClient raw = dave()) {
            assertThat(raw.command("AVBL").text()).isEqualTo("6000");
        }
    }

    @Test
    void hiddenStoresAreJudgedByTheirTarget() throws Exception {
        server.close();
        startWith(Files.createDirectories(dir.resolve("hidden")), "HiddenStores on\n");
        Files.write(home.resolve("a.bin"), new byte[9_000]);
        try (RawFtpClient raw = dave()) {
            assertThat(store(raw, "STOR a.bin", new byte[9_900]).code()).isEqualTo(226);
            RawReply cut = store(raw, "STOR b.bin", new byte[500]);
            assertThat(cut.code()).as(cut.all()).isEqualTo(552);
            try (var listed = Files.list(home)) {
                assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("a.bin");
            }
        }
    }

    /** The server drops a user's count when their last session has ended, which QUIT does not wait for. */
    private void awaitLogout() {
        assertThat(TransferSupport.eventually(java.time.Duration.ofSeconds(5),
                () -> server.server().sessionCount() == 0)).isTrue();
    }
}
