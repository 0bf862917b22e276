package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REST in STREAM mode (RFC 3659 §5): resumed downloads and uploads, 64-bit offsets, errors. */
class RestartTest {
    @TempDir
    Path temp;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(temp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {0, 1, 65_536, 99_999, 100_000})
    void restartedDownloadSendsTheRestOfTheFile(int offset) throws Exception {
        byte[] data = TransferSupport.randomBytes(100_000, offset);
        Files.write(server.home().resolve("f.bin"), data);
        FTPClient ftp = server.login();
        try {
            ftp.setRestartOffset(offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("f.bin", out)).as(ftp.getReplyString()).isTrue();
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(data, offset, data.length));
        } finally {
            ftp.disconnect();
        }
    }

    @Test
    void restAppliesToOneTransferOnly() throws Exception {
        byte[] data = TransferSupport.randomBytes(1_000, 1);
        Files.write(server.home().resolve("f.bin"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST 600").code()).isEqualTo(350);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "f.bin")).isEqualTo(Arrays.copyOfRange(data, 600, 1_000));
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "f.bin")).isEqualTo(data);
        }
    }

    @Test
    void restartedUploadTruncatesAtTheOffsetAndWritesTheRest() throws Exception {
        byte[] data = TransferSupport.randomBytes(300_000, 2);
        int offset = 123_457;
        // what a broken earlier upload left: the right prefix, then garbage beyond the restart point
        byte[] partial = Arrays.copyOf(data, offset + 50_000);
        Arrays.fill(partial, offset, partial.length, (byte) 0x5A);
        Files.write(server.home().resolve("up.bin"), partial);
        FTPClient ftp = server.login();
        try {
            ftp.setRestartOffset(offset);
            assertThat(ftp.storeFile("up.bin", new ByteArrayInputStream(data, offset, data.length - offset)))
                    .as(ftp.getReplyString()).isTrue();
            assertThat(ftp.getReplyCode()).isEqualTo(226);
        } finally {
            ftp.disconnect();
        }
        assertThat(Files.readAllBytes(server.home().resolve("up.bin"))).isEqualTo(data);
    }

    @Test
    void restartedUploadShorterThanTheOldTailLeavesNoGarbage() throws Exception {
        byte[] old = TransferSupport.randomBytes(10_000, 3);
        Files.write(server.home().resolve("up.bin"), old);
        byte[] tail = {9, 8, 7};
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST 100").code()).isEqualTo(350);
            TransferSupport.upload(raw, RawMode.EPSV, "STOR up.bin", tail);
        }
        byte[] expected = Arrays.copyOf(old, 103);
        System.arraycopy(tail, 0, expected, 100, 3);
        assertThat(Files.readAllBytes(server.home().resolve("up.bin"))).isEqualTo(expected);
    }

    @Test
    void restartedAppendContinuesAtTheOffset() throws Exception {
        byte[] data = TransferSupport.randomBytes(200_000, 4);
        int offset = 77_777;
        Files.write(server.home().resolve("ap.bin"), Arrays.copyOf(data, offset));
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST " + offset).code()).isEqualTo(350);
            TransferSupport.upload(raw, RawMode.PASV, "APPE ap.bin", Arrays.copyOfRange(data, offset, data.length));
        }
        assertThat(Files.readAllBytes(server.home().resolve("ap.bin"))).isEqualTo(data);
    }

    @Test
    void restAcceptsOffsetsBeyondTwoToTheThirtyOne() {
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            RawReply reply = raw.command("REST 5000000000");
            assertThat(reply.code()).isEqualTo(350);
            assertThat(reply.text()).contains("5000000000");
            reply = raw.command("REST 9223372036854775807");
            assertThat(reply.code()).isEqualTo(350);
        }
    }

    @Test
    void restartedDownloadFromAnOffsetBeyondTwoToTheThirtyTwo() throws Exception {
        long offset = 5_000_000_000L;
        byte[] tail = TransferSupport.randomBytes(1_000, 5);
        Path big = server.home().resolve("big.sparse");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(offset);
            file.seek(offset);
            file.write(tail);
        }
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST " + offset).code()).isEqualTo(350);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "big.sparse")).isEqualTo(tail);
            assertThat(raw.command("REST " + (offset + 500)).code()).isEqualTo(350);
            assertThat(TransferSupport.retrieve(raw, RawMode.EPSV, "big.sparse"))
                    .isEqualTo(Arrays.copyOfRange(tail, 500, 1_000));
        }
    }

    @Test
    void restBeyondTheEndOfFileThenRetrIs554() throws Exception {
        Files.write(server.home().resolve("small.bin"), new byte[100]);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST 101").code()).isEqualTo(350);
            var link = RawMode.PASV.prepare(raw);
            try (link) {
                assertThat(raw.command("RETR small.bin").code()).isEqualTo(554);
            }
            // the failed RETR used up the offset: the next transfer starts at 0
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "small.bin")).hasSize(100);
            // exactly at the end is fine: nothing to send
            assertThat(raw.command("REST 100").code()).isEqualTo(350);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "small.bin")).isEmpty();
            assertThat(raw.command("REST 5000000000").code()).isEqualTo(350);
            try (var again = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("RETR small.bin").code()).isEqualTo(554);
            }
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void restBeyondTheEndThenStorIs554AndLeavesTheFileAlone() throws Exception {
        Files.write(server.home().resolve("keep.bin"), new byte[] {1, 2, 3});
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST 4").code()).isEqualTo(350);
            try (var link = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("STOR keep.bin").code()).isEqualTo(554);
            }
            assertThat(raw.command("REST 10").code()).isEqualTo(350);
            try (var link = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("STOR missing.bin").code()).isEqualTo(554);
            }
        }
        assertThat(Files.readAllBytes(server.home().resolve("keep.bin"))).containsExactly(1, 2, 3);
        assertThat(server.home().resolve("missing.bin")).doesNotExist();
    }

    @ParameterizedTest(name = "REST {0}")
    @ValueSource(strings = {"abc", "-1", "12x", "1.5", "99999999999999999999", "0x10"})
    void restWithJunkIs501(String argument) {
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("REST " + argument).code()).isEqualTo(501);
            assertThat(raw.command("REST").code()).isEqualTo(501);
        }
    }

    @Test
    void aLaterRestReplacesAnEarlierOne() throws Exception {
        byte[] data = TransferSupport.randomBytes(1_000, 6);
        Files.write(server.home().resolve("f.bin"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            raw.command("TYPE I");
            assertThat(raw.command("REST 10").code()).isEqualTo(350);
            assertThat(raw.command("REST 0").code()).isEqualTo(350);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "f.bin")).isEqualTo(data);
        }
    }
}
