package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path temp;

    @Test
    void uploadListDownloadDelete() throws Exception {
        try (TestServer server = TestServer.start(temp)) {
            FTPClient ftp = server.login();
            byte[] data = "hello ferry\n".getBytes();
            assertThat(ftp.storeFile("a.txt", new ByteArrayInputStream(data))).isTrue();
            assertThat(Files.readAllBytes(server.home().resolve("a.txt"))).isEqualTo(data);
            assertThat(ftp.listNames()).containsExactly("a.txt");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("a.txt", out)).isTrue();
            assertThat(out.toByteArray()).isEqualTo(data);
            assertThat(ftp.deleteFile("a.txt")).isTrue();
            assertThat(ftp.listNames()).isEmpty();
            ftp.logout();
            ftp.disconnect();
        }
    }

    @Test
    void bannerAndFeat() {
        try (TestServer server = TestServer.start(temp); RawFtpClient raw = server.raw()) {
            assertThat(raw.banner().code()).isEqualTo(220);
            var feat = raw.command("FEAT");
            assertThat(feat.lines().getFirst()).isEqualTo("211-Features:");
            assertThat(feat.lines().getLast()).isEqualTo("211 End");
            assertThat(feat.lines()).contains(" EPSV", " UTF8", " REST STREAM");
        }
    }
}
