package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TYPE A (RFC 959 §3.1.1.1): the wire carries NVT-ASCII lines ending in CRLF, the disk has the
 * host's LF. TYPE I moves bytes untouched. A CR that is not followed by LF is data and stays.
 */
class AsciiModeTest {
    @TempDir
    static Path temp;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(temp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] uploadAscii(String name, byte[] wire) throws Exception {
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE A").code()).isEqualTo(200);
            TransferSupport.upload(raw, RawMode.PASV, "STOR " + name, wire);
        }
        return Files.readAllBytes(server.home().resolve(name));
    }

    private static byte[] downloadAscii(String name, byte[] disk) throws Exception {
        Files.write(server.home().resolve(name), disk);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE A").code()).isEqualTo(200);
            return TransferSupport.retrieve(raw, RawMode.PASV, name);
        }
    }

    @Test
    void asciiUploadStoresLocalLineEnds() throws Exception {
        assertThat(uploadAscii("up1.txt", ascii("a\r\nb\r\n"))).isEqualTo(ascii("a\nb\n"));
    }

    @Test
    void asciiDownloadSendsCrLf() throws Exception {
        assertThat(downloadAscii("down1.txt", ascii("x\ny\n"))).isEqualTo(ascii("x\r\ny\r\n"));
    }

    @Test
    void asciiIsTheDefaultType() throws Exception {
        Files.write(server.home().resolve("default.txt"), ascii("p\nq\n"));
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "default.txt")).isEqualTo(ascii("p\r\nq\r\n"));
        }
    }

    @ParameterizedTest(name = "upload {0}")
    @CsvSource(delimiter = '|', value = {
        "a\\rb\\r\\n | a\\rb\\n",
        "a\\r | a\\r",
        "\\r\\r\\n | \\r\\n",
        "no newline | no newline",
        "\\n\\n | \\n\\n",
        "x\\r\\ry | x\\r\\ry"})
    void loneCarriageReturnsSurviveAnAsciiUpload(String wire, String disk) throws Exception {
        String name = "lone-" + Integer.toHexString(wire.hashCode()) + ".txt";
        assertThat(uploadAscii(name, ascii(unescape(wire)))).isEqualTo(ascii(unescape(disk)));
    }

    @ParameterizedTest(name = "download {0}")
    @CsvSource(delimiter = '|', value = {
        "a\\rb\\n | a\\rb\\r\\n",
        "a\\r | a\\r",
        "\\n | \\r\\n",
        "end | end"})
    void loneCarriageReturnsSurviveAnAsciiDownload(String disk, String wire) throws Exception {
        String name = "lone-down-" + Integer.toHexString(disk.hashCode()) + ".txt";
        assertThat(downloadAscii(name, ascii(unescape(disk)))).isEqualTo(ascii(unescape(wire)));
    }

    @Test
    void crLfSplitAcrossNetworkWritesIsStillOneLineEnd() throws Exception {
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE A").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(raw)) {
                assertThat(raw.command("STOR split.txt").code()).isEqualTo(150);
                Socket data = link.socket();
                data.setTcpNoDelay(true);
                OutputStream out = data.getOutputStream();
                out.write(ascii("one\r"));
                out.flush();
                Thread.sleep(150); // the server reads the CR on its own
                out.write(ascii("\ntwo\r"));
                out.flush();
                Thread.sleep(150);
                out.write(ascii("\n"));
                data.close();
                assertThat(raw.read().code()).isEqualTo(226);
            }
        }
        assertThat(Files.readAllBytes(server.home().resolve("split.txt"))).isEqualTo(ascii("one\ntwo\n"));
    }

    @Test
    void largeAsciiRoundTrip() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 700_000; i++) {
            text.append("line ").append(i).append(i % 7 == 0 ? " with a lone \r inside" : "").append('\n');
        }
        byte[] disk = ascii(text.toString());
        byte[] wire = ascii(text.toString().replace("\n", "\r\n"));
        assertThat(downloadAscii("large-down.txt", disk)).isEqualTo(wire);
        assertThat(uploadAscii("large-up.txt", wire)).isEqualTo(disk);
    }

    @Test
    void binaryTypeLeavesBytesUntouched() throws Exception {
        byte[] tricky = ascii("a\r\nb\nc\rd\r\r\n\n");
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            TransferSupport.upload(raw, RawMode.PASV, "STOR bin.dat", tricky);
            assertThat(Files.readAllBytes(server.home().resolve("bin.dat"))).isEqualTo(tricky);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "bin.dat")).isEqualTo(tricky);
            // TYPE L 8 is binary as well (RFC 959 §3.1.1.4)
            assertThat(raw.command("TYPE L 8").code()).isEqualTo(200);
            assertThat(TransferSupport.retrieve(raw, RawMode.EPSV, "bin.dat")).isEqualTo(tricky);
        }
    }

    @Test
    void commonsNetAsciiModeRoundTrip() throws Exception {
        FTPClient ftp = server.login();
        try {
            assertThat(ftp.setFileType(FTP.ASCII_FILE_TYPE)).isTrue();
            // Commons Net converts the local line separator to CRLF on the way out
            assertThat(ftp.storeFile("cn.txt", new ByteArrayInputStream(ascii("one\ntwo\n")))).isTrue();
            assertThat(Files.readAllBytes(server.home().resolve("cn.txt"))).isEqualTo(ascii("one\ntwo\n"));
            assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("cn.txt", out)).isTrue();
            assertThat(out.toByteArray()).isEqualTo(ascii("one\ntwo\n"));
        } finally {
            ftp.disconnect();
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
