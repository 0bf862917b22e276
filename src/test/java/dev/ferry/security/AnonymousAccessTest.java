package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-AUTH-10, SEC-PRIV-01/02, SEC-DOT-01 (catalogue §B, §E, §F): anonymous users read and
 * nothing else, except new files in the drop directory, which they can then neither read,
 * overwrite, rename nor delete; MLSD's perm fact tells them so; dot-files are off limits.
 */
class AnonymousAccessTest {
    private static final Pattern PERM = Pattern.compile("perm=([a-z]*);");

    @TempDir
    Path temp;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path startAnonymous(Optional<String> uploads) throws IOException {
        server = TestServer.builder(temp).anonymous(uploads).start();
        Path root = server.anonymousRoot();
        Files.createDirectories(root.resolve("pub"));
        Files.writeString(root.resolve("pub/readme.txt"), "read me\n");
        Files.writeString(root.resolve(".ftpaccess"), "Allow everything\n");
        Files.createDirectories(root.resolve(".ssh"));
        Files.writeString(root.resolve(".ssh/authorized_keys"), "ssh-ed25519 AAAA\n");
        Files.createDirectories(root.resolve("incoming/sub"));
        Files.writeString(root.resolve("incoming/old.txt"), "someone else's upload\n");
        return root;
    }

    private RawFtpClient anonymous() {
        RawFtpClient c = server.raw();
        c.login("anonymous", "guest@example.com");
        assertThat(c.command("TYPE I").code()).isEqualTo(200);
        return c;
    }

    @Test
    void anonymousCanLogInAndRead() throws IOException {
        startAnonymous(Optional.empty());
        FTPClient ftp = server.login("anonymous", "guest@example.com");
        try {
            assertThat(ftp.listNames("pub")).containsExactly("pub/readme.txt");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile("pub/readme.txt", out)).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("read me\n");
            assertThat(ftp.logout()).isTrue();
        } finally {
            ftp.disconnect();
        }
        try (RawFtpClient c = server.raw()) {
            c.login("ftp", "");
            assertThat(Jail.run(c, "LIST /pub").dataText()).contains("readme.txt");
        }
    }

    @Test
    void anonymousCannotChangeAnything() throws IOException {
        Path root = startAnonymous(Optional.empty());
        Map<String, String> before = FsSnapshot.of(root);
        try (RawFtpClient c = anonymous()) {
            for (String command : List.of("STOR new.txt", "STOR pub/readme.txt", "APPE pub/readme.txt",
                    "APPE new.txt", "STOU", "STOU pub/x", "STOR incoming/new.txt")) {
                Exchange x = Jail.run(c, command, "data".getBytes(StandardCharsets.UTF_8));
                assertThat(x.code()).as(command).isEqualTo(550);
            }
            for (String command : List.of("DELE pub/readme.txt", "MKD newdir", "MKD pub/newdir", "XMKD x",
                    "RMD pub", "RMD incoming/sub", "RNFR pub/readme.txt", "SITE CHMOD 777 pub/readme.txt",
                    "SITE CHMOD 700 /", "MFMT 20010203040506 pub/readme.txt",
                    "MDTM 20010203040506 pub/readme.txt")) {
                assertThat(c.command(command).code()).as(command).isEqualTo(550);
            }
            assertThat(c.command("RNTO pub/renamed.txt").code()).isEqualTo(503);
            assertThat(c.command("REST 2").code()).isEqualTo(350);
            assertThat(Jail.run(c, "STOR pub/readme.txt").code()).isEqualTo(550);
        }
        assertThat(FsSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void dropDirectoryTakesNewFilesOnly() throws IOException {
        Path root = startAnonymous(Optional.of("incoming"));
        byte[] upload = "anonymous upload\n".getBytes(StandardCharsets.UTF_8);
        try (RawFtpClient c = anonymous()) {
            assertThat(Jail.run(c, "STOR incoming/new.bin", upload).code()).isEqualTo(226);
            assertThat(root.resolve("incoming/new.bin")).hasBinaryContent(upload);

            Map<String, String> before = FsSnapshot.of(root);
            assertThat(Jail.run(c, "RETR incoming/new.bin").code()).as("download from the drop box").isEqualTo(550);
            assertThat(Jail.run(c, "RETR incoming/old.txt").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/new.bin", "replaced".getBytes(StandardCharsets.UTF_8)).code())
                    .as("overwrite own upload").isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/old.txt").code()).as("overwrite another upload").isEqualTo(550);
            assertThat(Jail.run(c, "APPE incoming/old.txt").code()).isEqualTo(550);
            assertThat(c.command("REST 3").code()).isEqualTo(350);
            assertThat(Jail.run(c, "STOR incoming/old.txt").code()).as("resume over another upload").isEqualTo(550);
            assertThat(c.command("DELE incoming/new.bin").code()).isEqualTo(550);
            assertThat(c.command("DELE incoming/old.txt").code()).isEqualTo(550);
            assertThat(c.command("RNFR incoming/old.txt").code()).isEqualTo(550);
            assertThat(c.command("RNFR incoming/new.bin").code()).isEqualTo(550);
            assertThat(c.command("SITE CHMOD 777 incoming/new.bin").code()).isEqualTo(550);
            assertThat(c.command("MFMT 20010203040506 incoming/new.bin").code()).isEqualTo(550);
            assertThat(c.command("MKD incoming/d").code()).isEqualTo(550);
            assertThat(c.command("RMD incoming/sub").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR outside-incoming.txt").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR pub/x.txt").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/sub/nested.txt").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/../escape.txt").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming").code()).isEqualTo(550);
            assertThat(FsSnapshot.of(root)).isEqualTo(before);

            assertThat(c.command("CWD incoming").code()).isEqualTo(250);
            Exchange stou = Jail.run(c, "STOU", upload);
            assertThat(stou.code()).isEqualTo(226);
        }
        try (var files = Files.list(root.resolve("incoming"))) {
            assertThat(files.count()).isEqualTo(4); // old.txt, sub, new.bin, the STOU file
        }
    }

    @Test
    void mlsdPermFactsShowNoWriteOrDeleteRights() throws IOException {
        startAnonymous(Optional.of("incoming"));
        try (RawFtpClient c = anonymous()) {
            assertThat(Jail.run(c, "STOR incoming/mine.txt").code()).isEqualTo(226);
            for (String dir : List.of("/", "/pub", "/incoming")) {
                Exchange x = Jail.run(c, "MLSD " + dir);
                assertThat(x.code()).isEqualTo(226);
                List<String> perms = perms(x.dataText());
                assertThat(perms).as(dir).isNotEmpty();
                for (String perm : perms) {
                    assertThat(perm).as(dir).doesNotContain("w", "d", "a", "f", "m", "p");
                }
            }
            String mlst = c.command("MLST pub/readme.txt").all();
            assertThat(perms(mlst)).containsExactly("r");
            assertThat(perms(c.command("MLST incoming/mine.txt").all())).containsExactly("");
        }
        // The same files as alice: the facts do change with the user (so this test can fail).
        Files.writeString(server.home().resolve("mine.txt"), "x");
        try (RawFtpClient alice = server.raw()) {
            alice.login();
            assertThat(perms(alice.command("MLST mine.txt").all())).containsExactly("adfrw");
        }
    }

    /** Pure-FTPd: "anonymous users can't, for security reasons," read or write dot-files. */
    @Test
    void anonymousCannotTouchDotFiles() throws IOException {
        Path root = startAnonymous(Optional.of("incoming"));
        try (RawFtpClient c = anonymous()) {
            assertThat(Jail.run(c, "RETR .ftpaccess").code()).isEqualTo(550);
            assertThat(Jail.run(c, "RETR .ssh/authorized_keys").code()).isEqualTo(550);
            assertThat(c.command("CWD .ssh").code()).isEqualTo(550);
            assertThat(c.command("SIZE .ftpaccess").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/.htaccess").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR incoming/.forward").code()).isEqualTo(550);
            assertThat(c.command("MKD incoming/.x").code()).isEqualTo(550);
            assertThat(Jail.run(c, "RETR pub/readme.txt").code()).isEqualTo(226);
        }
        assertThat(root.resolve("incoming/.htaccess")).doesNotExist();
        assertThat(root.resolve("incoming/.forward")).doesNotExist();
    }

    private static List<String> perms(String text) {
        Matcher m = PERM.matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
