package dev.ferry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe in {@code examples/} loads as it stands and does what its comments promise. The
 * files are used as shipped, with only the port, the {@code /srv/ftp} tree and a wildcard listen
 * address replaced so that the test runs on loopback in a temporary directory.
 */
class ExampleConfigurationsTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final Set<String> TESTED = Set.of("anonymous-only.conf", "virtual-users-jails.conf",
            "upload-dropbox.conf", "nat-passive.conf", "two-vhosts.conf");

    @TempDir
    Path dir;
    private ConfiguredServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String example) throws Exception {
        String text = Files.readString(EXAMPLES.resolve(example))
                .replace("Port            2121", "Port @PORT@").replace("Port             2121", "Port @PORT@")
                .replace("Port              2121", "Port @PORT@")
                .replace("/srv/ftp", "@DIR@/srv/ftp").replace("DefaultAddress  0.0.0.0", "DefaultAddress 127.0.0.1");
        assertThat(text).contains("Port @PORT@");
        server = ConfiguredServer.start(dir, text);
    }

    private Path tree(String path) throws IOException {
        return Files.createDirectories(dir.resolve("srv/ftp").resolve(path));
    }

    @Test
    void everyRecipeHasATest() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            Set<String> recipes = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                    .collect(Collectors.toSet());
            assertThat(recipes).isEqualTo(TESTED);
        }
    }

    @Test
    void anonymousOnly() throws Exception {
        Files.writeString(tree("pub").resolve("file.txt"), "public");
        start("anonymous-only.conf");
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.banner().text()).contains("Public downloads");
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").code()).isEqualTo(530);
            raw.command("USER anonymous");
            RawReply granted = raw.command("PASS me@example.com");
            assertThat(granted.code()).isEqualTo(230);
            assertThat(granted.text()).isEqualTo("Welcome, anonymous: downloads only"); // %u: the name given
            raw.command("TYPE I");
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "file.txt")).asString().isEqualTo("public");
            assertThat(raw.command("STOR new.txt").code()).isEqualTo(550);
            assertThat(raw.command("MKD new").code()).isEqualTo(550);
            assertThat(raw.command("DELE file.txt").code()).isEqualTo(550);
        }
        assertThat(dir.resolve("srv/ftp/pub/file.txt")).hasContent("public");
    }

    @Test
    void virtualUsersJailedByGroup() throws Exception {
        start("virtual-users-jails.conf");
        server.users().update(server.users().find("alice").orElseThrow().withGroups(Set.of("users")));
        server.users().add(new StoredUser("carol", PasswordHasher.hash("carol-secret".toCharArray()),
                Optional.empty(), true, UserLimits.NONE, Set.of("users", "staff")));
        try (RawFtpClient alice = server.connect()) {
            alice.banner();
            alice.login("alice", "alice-secret");
            assertThat(alice.command("PWD").text()).startsWith("\"/\"");
            assertThat(alice.command("CDUP").code()).isEqualTo(250);
            assertThat(alice.command("PWD").text()).startsWith("\"/\""); // ".." of the jail root is the root
            TransferSupport.upload(alice, RawMode.PASV, "STOR notes.txt", "v1".getBytes());
            TransferSupport.upload(alice, RawMode.PASV, "STOR notes.txt", "v2".getBytes()); // AllowOverwrite on
        }
        Path home = dir.resolve("data/home/alice");
        assertThat(home.resolve("notes.txt")).hasContent("v2");
        try (RawFtpClient carol = server.connect()) {
            carol.banner();
            carol.login("carol", "carol-secret");
            // staff are not jailed: they start in their home, named by its full path
            assertThat(carol.command("PWD").text())
                    .startsWith("\"" + dir.resolve("data/home/carol").toRealPath() + "\"");
        }
    }

    @Test
    void uploadDropBox() throws Exception {
        Path incoming = tree("incoming");
        Files.writeString(dir.resolve("srv/ftp/welcome.txt"), "hello");
        start("upload-dropbox.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.banner();
            raw.login("anonymous", "me@example.com");
            raw.command("TYPE I");
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "welcome.txt")).asString().isEqualTo("hello");
            assertThat(raw.command("CWD incoming").code()).isEqualTo(250);
            TransferSupport.upload(raw, RawMode.PASV, "STOR drop.bin", new byte[] {7, 7});
            assertThat(raw.command("STOR drop.bin").code()).isEqualTo(550); // AllowOverwrite off
            assertThat(raw.command("RETR drop.bin").code()).isEqualTo(550);
            assertThat(raw.command("PASV").code()).isEqualTo(227);
            assertThat(raw.command("LIST").code()).isEqualTo(550);
            assertThat(raw.command("RNFR drop.bin").code()).isEqualTo(550);
            assertThat(raw.command("DELE drop.bin").code()).isEqualTo(550);
            assertThat(raw.command("MKD sub").code()).isEqualTo(550);
            assertThat(raw.command("CWD /").code()).isEqualTo(250);
            assertThat(raw.command("STOR outside.bin").code()).isEqualTo(550);
        }
        assertThat(incoming.resolve("drop.bin")).hasBinaryContent(new byte[] {7, 7});
        assertThat(dir.resolve("srv/ftp/outside.bin")).doesNotExist();
    }

    @Test
    void natPassiveAddressFollowsTheClient() throws Exception {
        start("nat-passive.conf");
        try (RawFtpClient inside = server.connect("127.0.0.1", "127.0.0.1")) {
            inside.banner();
            inside.login("alice", "alice-secret");
            RawReply pasv = inside.command("PASV");
            assertThat(pasv.text()).contains("(192,168,1,2,");
            int port = TransferSupport.parsePasv(pasv).getPort();
            assertThat(port).isBetween(50000, 50100);
        }
        try (RawFtpClient outside = server.connect("127.0.0.2", "127.0.0.1")) {
            outside.banner();
            outside.login("alice", "alice-secret");
            assertThat(outside.command("PASV").text()).contains("(203,0,113,10,");
        }
    }

    @Test
    void twoVirtualHostsByAddressAndOneByName() throws Exception {
        Files.writeString(tree("public").resolve("mirror.txt"), "mirror");
        Files.writeString(tree("files").resolve("by-name.txt"), "named");
        start("two-vhosts.conf");
        try (RawFtpClient intranet = server.connect("127.0.0.1", "127.0.0.1")) {
            assertThat(intranet.banner().text()).contains("Intranet");
            intranet.login("alice", "alice-secret");
            assertThat(intranet.command("PWD").text()).startsWith("\"/\"");
        }
        try (RawFtpClient mirror = server.connect("127.0.0.1", "127.0.0.2")) {
            assertThat(mirror.banner().text()).contains("Public mirror");
            mirror.command("USER alice");
            assertThat(mirror.command("PASS alice-secret").code()).isEqualTo(530);
            mirror.login("anonymous", "me@example.com");
            assertThat(mirror.command("SIZE mirror.txt").code()).isEqualTo(213);
        }
        try (RawFtpClient named = server.connect("127.0.0.1", "127.0.0.1")) {
            named.banner();
            assertThat(named.command("HOST files.example.com").text()).contains("Files by name");
            named.login("anonymous", "me@example.com");
            assertThat(named.command("SIZE by-name.txt").code()).isEqualTo(213);
        }
    }
}
