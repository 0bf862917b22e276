package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** APPE (RFC 959 §4.1.3) and STOU (RFC 959 §4.1.3, RFC 1123 §4.1.2.9). */
class AppendAndUniqueTest {
    /** RFC 1123 §4.1.2.9: the 150 reply to STOU names the file as "FILE: name". */
    private static final Pattern STOU_NAME = Pattern.compile("^FILE: (\\S+)");

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

    @Test
    void appendAddsToTheEndOfAnExistingFile() throws Exception {
        byte[] head = TransferSupport.randomBytes(70_000, 1);
        byte[] tail = TransferSupport.randomBytes(100_001, 2);
        Files.write(server.home().resolve("log.bin"), head);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            TransferSupport.upload(raw, RawMode.PASV, "APPE log.bin", tail);
        }
        assertThat(Files.readAllBytes(server.home().resolve("log.bin"))).isEqualTo(concat(head, tail));
    }

    @Test
    void appendCreatesAMissingFile() throws Exception {
        byte[] data = TransferSupport.randomBytes(4_321, 3);
        FTPClient ftp = server.login();
        try {
            assertThat(ftp.appendFile("new.bin", new ByteArrayInputStream(data))).as(ftp.getReplyString()).isTrue();
            assertThat(ftp.getReplyCode()).isEqualTo(226);
        } finally {
            ftp.disconnect();
        }
        assertThat(Files.readAllBytes(server.home().resolve("new.bin"))).isEqualTo(data);
    }

    @Test
    void appendTwiceWithCommonsNet() throws Exception {
        byte[] a = TransferSupport.randomBytes(65_537, 4);
        byte[] b = TransferSupport.randomBytes(12, 5);
        FTPClient ftp = server.login();
        try {
            assertThat(ftp.appendFile("twice.bin", new ByteArrayInputStream(a))).isTrue();
            assertThat(ftp.appendFile("twice.bin", new ByteArrayInputStream(b))).isTrue();
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("twice.bin", back)).isTrue();
            assertThat(back.toByteArray()).isEqualTo(concat(a, b));
        } finally {
            ftp.disconnect();
        }
        assertThat(Files.readAllBytes(server.home().resolve("twice.bin"))).isEqualTo(concat(a, b));
    }

    @Test
    void stouStoresUnderTheNameItAnnounces() throws Exception {
        byte[] first = TransferSupport.randomBytes(10_000, 6);
        byte[] second = TransferSupport.randomBytes(20_000, 7);
        Files.write(server.home().resolve("report"), new byte[] {1, 2, 3});
        String name1;
        String name2;
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            name1 = announcedName(TransferSupport.upload(raw, RawMode.PASV, "STOU", first));
            name2 = announcedName(TransferSupport.upload(raw, RawMode.EPSV, "STOU", second));
        }
        assertThat(name1).isNotEqualTo(name2);
        assertThat(Files.readAllBytes(server.home().resolve(name1))).isEqualTo(first);
        assertThat(Files.readAllBytes(server.home().resolve(name2))).isEqualTo(second);
        // nothing else was touched or created
        assertThat(Files.readAllBytes(server.home().resolve("report"))).containsExactly(1, 2, 3);
        try (Stream<Path> files = Files.list(server.home())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report", name1, name2);
        }
    }

    @Test
    void stouNeverOverwritesAnExistingFile() throws Exception {
        Files.write(server.home().resolve("data"), new byte[] {42});
        byte[] upload = TransferSupport.randomBytes(500, 8);
        String name;
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            name = announcedName(TransferSupport.upload(raw, RawMode.PASV, "STOU data", upload));
        }
        assertThat(name).isNotEqualTo("data");
        assertThat(Files.readAllBytes(server.home().resolve("data"))).containsExactly(42);
        assertThat(Files.readAllBytes(server.home().resolve(name))).isEqualTo(upload);
    }

    @Test
    void stouWithCommonsNet() throws Exception {
        byte[] data = TransferSupport.randomBytes(65_537, 9);
        FTPClient ftp = server.login();
        try {
            assertThat(ftp.storeUniqueFile(new ByteArrayInputStream(data))).as(ftp.getReplyString()).isTrue();
            assertThat(ftp.getReplyCode()).isEqualTo(226);
        } finally {
            ftp.disconnect();
        }
        try (Stream<Path> files = Files.list(server.home())) {
            var all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(Files.readAllBytes(all.getFirst())).isEqualTo(data);
        }
    }

    private static String announcedName(RawReply opening) {
        Matcher m = STOU_NAME.matcher(opening.text());
        assertThat(m.find()).as("150 reply to STOU should say FILE: name, was %s", opening).isTrue();
        return m.group(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
