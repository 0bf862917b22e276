package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.StoredUser;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.file.ConfigError;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.DataLink;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration snippet of the ProFTPD FAQ, chapters 4 to 6, and of the ProFTPD NAT howto,
 * as a fixture file under {@code src/test/resources/dev/ferry/faq/} (named after its question,
 * whose title its first comment quotes, with what was substituted), loaded as it stands and
 * driven with a real client to show the behaviour the FAQ promises. Besides the
 * {@link ConfiguredServer} tokens, {@code @GROUP@} stands for the group that owns the test's
 * files. Where the FAQ names a directive in words rather than in a snippet ("ensure that the
 * directive "RootLogin on" is included"), the fixture writes that directive.
 *
 * <p>Not fixtures here, and why:
 * <ul>
 *   <li>ch. 4 §3, §9, §16: {@code fuser}, the {@code /etc/inetd.conf} line and the
 *       {@code xinetd.conf} entry are other programs' files; what §9 asks of the ProFTPD file,
 *       {@code ServerType inetd}, is {@code run-from-inetd.conf} and is refused (Ferry runs
 *       standalone only).
 *   <li>ch. 4 §10, tcp-wrappers: no snippet; Ferry has no mod_wrap, so an
 *       {@code <IfModule mod_wrap.c>} block is skipped, and its directives outside one are refused.
 *   <li>ch. 4 §12, ratios: mod_ratio is not supported yet; {@code upload-download-ratios.conf}
 *       shows that every line is refused by name.
 *   <li>ch. 4 §25, {@code TimesGMT off}: covered by {@code dev.ferry.protocol.TimesGmtTest}.
 *   <li>ch. 5 §16, {@code TransferRate}: per-connection caps, covered by
 *       {@link TransferRateDirectiveTest} and {@code dev.ferry.transfer.ServerRateLimitTest}.
 *   <li>ch. 5 §18 ({@code MaxRetrieveFileSize}, {@code MaxStoreFileSize}), §20
 *       ({@code MaxClientsPerUser}) and ch. 6 §3 ({@code AllowFilter}/{@code DenyFilter}), §10
 *       ({@code IgnoreHidden}, {@code HideNoAccess}): named without a setting; covered by
 *       {@code FileSizeLimitTest}, {@link ClientLimitsTest}, {@link FileDirectivesTest} and
 *       {@code HiddenEntriesTest}.
 *   <li>ch. 5 §19, disabling anonymous logins: nothing to write (no {@code <Anonymous>}).
 *   <li>NAT howto: the {@code ipchains}, {@code ipmasqadm}, {@code ipf} and {@code nmap} lines
 *       are not ProFTPD configuration; its later {@code MasqueradeAddress 1.2.3.4} is the same
 *       case as {@code nat-masquerade-ip-address.conf}.
 * </ul>
 */
class FaqSnippetsTest {
    private static final String FIXTURES = "/dev/ferry/faq/";
    private static final Set<String> TESTED = Set.of(
            // chapter 4
            "invalid-shell.conf", "socket-operation-on-non-socket.conf", "run-from-inetd.conf",
            "non-standard-port.conf", "upload-download-ratios.conf", "slow-logins.conf",
            "listen-on-only-one-ip.conf", "append-restart-not-permitted.conf", "rest-not-compatible.conf",
            // chapter 5
            "another-anonymous-login.conf", "ftp-as-root.conf", "secure-upload-directory.conf",
            "hide-directory-from-anonymous.conf", "prevent-access-to-hidden-directory.conf",
            "virtual-ftp-server.conf", "anonymous-only-virtual-server.conf", "limit-login-subnet.conf",
            "limit-login-anonymous-only.conf", "default-root-home.conf", "default-root-group-expression.conf",
            "per-user-anonymous-sites.conf", "normal-and-anonymous-login.conf", "anonymous-login-incorrect.conf",
            "chmod-isnt-working.conf", "transfer-resumption.conf",
            // chapter 6
            "server-ident-on.conf", "server-ident-off.conf", "message-before-login.conf",
            "message-after-login.conf", "custom-welcome-response.conf",
            // NAT howto
            "nat-masquerade-dns-name.conf", "nat-masquerade-ip-address.conf", "nat-passive-ports.conf",
            "nat-refuse-passive.conf", "nat-lan-virtual-host.conf", "nat-masquerade-per-class.conf");

    @TempDir
    Path dir;
    private ConfiguredServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- chapter 4: common running problems -------------------------------------------------

    @Test
    void invalidShell() throws Exception {
        start("invalid-shell.conf");
        assertThat(reloaded().config().main().logins().requireValidShell()).isFalse();
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void socketOperationOnNonSocket() throws Exception {
        start("socket-operation-on-non-socket.conf");
        Path file = dir.resolve("ferry.conf");
        assertThat(reloaded().notices()).map(ConfigError::toString)
                .containsExactly(file + ":" + lineOf(file, "ServerType standalone")
                        + ": ServerType standalone is how Ferry always runs");
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.banner().code()).isEqualTo(220);
            raw.login("alice", "alice-secret");
        }
    }

    @Test
    void runFromInetd() throws Exception {
        Path file = write("run-from-inetd.conf");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":" + lineOf(file, "ServerType inetd")
                        + ": ServerType inetd is not supported; Ferry runs standalone");
    }

    @Test
    void nonStandardPort() throws Exception {
        start("non-standard-port.conf");
        try (RawFtpClient main = server.connect()) {
            assertThat(main.banner().lines()).containsExactly("220 Main server ready");
        }
        try (RawFtpClient other = RawFtpClient.connectFrom("127.0.0.1", "127.0.0.1", server.port2())) {
            assertThat(other.banner().lines()).containsExactly("220 Server on port 2001 ready");
            other.login("alice", "alice-secret");
            assertThat(other.command("PWD").text()).startsWith("\"/\"");
        }
    }

    @Test
    void uploadDownloadRatios() throws Exception {
        // as it stands: UserRatio * 5 5 5 50000 holds alice (1:5 in files with 5 files of credit,
        // 1:5 in bytes with 50000 KB). mod_ratio tries UserRatio lines before GroupRatio ones, so
        // it holds carol of group proftpd too.
        start("upload-download-ratios.conf", ConfiguredServer.user("carol", "proftpd"));
        assertThat(reloaded().notices()).isEmpty();
        assertThat(reloaded().config().main().limits().ratios().rules()).hasSize(5);
        Path home = dir.resolve("data/home/alice");
        Files.createDirectories(home);
        for (int i = 0; i < 6; i++) {
            Files.write(home.resolve("f" + i), bytes("x"));
        }
        try (RawFtpClient alice = server.connect(); RawFtpClient carol = server.connect()) {
            alice.login("alice", "alice-secret");
            for (int i = 0; i < 5; i++) {
                assertThat(TransferSupport.retrieve(alice, RawMode.PASV, "f" + i)).isEqualTo(bytes("x"));
            }
            try (DataLink link = RawMode.PASV.prepare(alice)) {
                RawReply refused = alice.command("RETR f5");
                assertThat(refused.code()).isEqualTo(550);
                assertThat(refused.text()).startsWith("Upload more files first: f5 is refused by the ratio 1:5 in "
                        + "files");
            }
            TransferSupport.upload(alice, RawMode.PASV, "STOR mine", bytes("y"));
            assertThat(TransferSupport.retrieve(alice, RawMode.PASV, "f5")).isEqualTo(bytes("x"));
            carol.login("carol", "carol-secret");
            assertThat(carol.command("SITE RATIO").lines().getFirst())
                    .isEqualTo("200-Ratio 1:5 in files and 1:5 in bytes: uploaded 0 files (0 bytes), downloaded 0 "
                            + "files (0 bytes)");
        }
    }

    @Test
    void slowLogins() throws Exception {
        start("slow-logins.conf");
        assertThat(reloaded().config().main().logins().useReverseDns()).isFalse();
        assertThat(reloaded().notices()).isEmpty();
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void listenOnOnlyOneIp() throws Exception {
        start("listen-on-only-one-ip.conf");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            assertThat(raw.banner().lines()).containsExactly("220 ftp.mydomain.com ready");
            raw.login("alice", "alice-secret");
        }
        // Port 0: the main server listens nowhere, so the port is closed on the other addresses
        assertThatThrownBy(() -> server.connect("127.0.0.1", "127.0.0.1"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void portZeroWithoutAVirtualHostThatListensIsRefusedByLine() throws Exception {
        Path file = dir.resolve("nowhere.conf");
        Files.writeString(file, """
                Port 0
                <VirtualHost 127.0.0.2>
                ServerName "inherits port 0"
                </VirtualHost>
                """);
        assertThat(refused(file).errors()).map(ConfigError::toString).containsExactly(
                file + ":2: a <VirtualHost> on Port 0 would listen nowhere: it has no Port of its own, and the main "
                        + "server's is 0");
        Files.writeString(file, "ServerName \"alone\"\nPort 0\n");
        assertThat(refused(file).errors()).map(ConfigError::toString).containsExactly(
                file + ":2: Port 0 and no <VirtualHost> with a Port of its own: no server would listen anywhere");
    }

    @Test
    void appendRestartNotPermitted() throws Exception {
        start("append-restart-not-permitted.conf");
        Path resume = Files.createDirectories(dir.resolve("data/home/alice/resume"));
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            TransferSupport.upload(raw, RawMode.PASV, "STOR part.bin", bytes("abc"));
            assertThat(raw.command("REST 2").code()).isEqualTo(350);
            RawReply refused = raw.command("STOR part.bin");
            assertThat(refused.code()).isEqualTo(451);
            assertThat(refused.text()).isEqualTo("part.bin: Append/Restart not permitted, try again");
            TransferSupport.upload(raw, RawMode.PASV, "STOR part.bin", bytes("xyz")); // replacing it is allowed

            TransferSupport.upload(raw, RawMode.PASV, "STOR resume/part.bin", bytes("abc"));
            uploadFrom(raw, 3, "STOR resume/part.bin", bytes("def"));
        }
        assertThat(resume.resolve("part.bin")).hasContent("abcdef");
        assertThat(resume.resolveSibling("part.bin")).hasContent("xyz");
    }

    @Test
    void appendOutsideTheRestartDirectoryIsRefusedWith451() throws Exception {
        start("append-restart-not-permitted.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            TransferSupport.upload(raw, RawMode.PASV, "STOR part.bin", bytes("abc"));
            raw.command("REST 2");
            assertThat(raw.command("STOR part.bin").code()).isEqualTo(451);
            try (DataLink link = RawMode.PASV.prepare(raw)) {
                RawReply appe = raw.command("APPE part.bin");
                assertThat(appe.code()).isEqualTo(451);
                assertThat(appe.text()).isEqualTo("part.bin: Append/Restart not permitted, try again");
            }
        }
    }

    @Test
    void restNotCompatibleWithHiddenStores() throws Exception {
        start("rest-not-compatible.conf");
        Path home = dir.resolve("data/home/alice");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            TransferSupport.upload(raw, RawMode.PASV, "STOR data.bin", bytes("abcdef"));
            assertThat(raw.command("REST 3").code()).isEqualTo(350);
            RawReply retr = raw.command("RETR data.bin");
            assertThat(retr.code()).isEqualTo(550);
            assertThat(retr.text()).isEqualTo("Resuming downloads is not allowed here");
            assertThat(raw.command("REST 3").code()).isEqualTo(350);
            RawReply stor = raw.command("STOR data.bin");
            assertThat(stor.code()).isEqualTo(451);
            assertThat(stor.text()).isEqualTo("data.bin: Append/Restart not permitted, try again");
            TransferSupport.upload(raw, RawMode.PASV, "STOR data.bin", bytes("ghijkl")); // a whole upload is fine
        }
        assertThat(home.resolve("data.bin")).hasContent("ghijkl");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("data.bin"); // no .in.data.bin.
        }
    }

    // ---- chapter 5: configuration problems --------------------------------------------------

    @Test
    void anotherAnonymousLogin() throws Exception {
        Path area = Files.createDirectories(dir.resolve("data/home/private/docs"));
        Files.writeString(area.resolve("guide.txt"), "read me");
        start("another-anonymous-login.conf", ConfiguredServer.user("private"));
        try (RawFtpClient raw = server.connect()) {
            raw.login("private", "someone@example.com"); // AnonRequirePassword off: any password
            raw.command("TYPE I");
            assertThat(raw.command("PWD").text()).startsWith("\"/\"");
            assertThat(names(raw, "NLST")).containsExactly("docs");
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "docs/guide.txt")).asString().isEqualTo("read me");
            assertThat(raw.command("CWD docs").code()).isEqualTo(250);
            assertThat(raw.command("STOR new.txt").code()).isEqualTo(550);
            assertThat(raw.command("MKD sub").code()).isEqualTo(550);
            assertThat(raw.command("DELE guide.txt").code()).isEqualTo(550);
        }
        assertThat(area.resolve("guide.txt")).hasContent("read me");
        try (Stream<Path> files = Files.list(area)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void ftpAsRoot() throws Exception {
        start("ftp-as-root.conf", ConfiguredServer.user("root"));
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.command("USER root").code()).isEqualTo(331);
            assertThat(raw.command("PASS root-secret").code()).isEqualTo(230);
            assertThat(raw.command("MKD made-by-root").code()).isEqualTo(257);
        }
        assertThat(dir.resolve("data/home/root/made-by-root")).isDirectory();
    }

    @Test
    void secureUploadDirectory() throws Exception {
        Path pub = Files.createDirectories(dir.resolve("home/ftp/pub/incoming")).getParent();
        Files.writeString(pub.resolve("index.txt"), "public");
        start("secure-upload-directory.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("ftp", "someone@example.com");
            raw.command("TYPE I");
            // "denies all write operations to the anonymous root directory and sub-directories"
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "pub/index.txt")).asString().isEqualTo("public");
            assertThat(raw.command("STOR pub/other.bin").code()).isEqualTo(550);
            assertThat(raw.command("STOR top.bin").code()).isEqualTo(550);
            assertThat(raw.command("DELE pub/index.txt").code()).isEqualTo(550);
            // "except incoming/ where the permissions are reversed and the client can store but not read"
            assertThat(raw.command("CWD pub/incoming").code()).isEqualTo(250);
            TransferSupport.upload(raw, RawMode.PASV, "STOR upload.bin", bytes("warez?"));
            assertThat(raw.command("RETR upload.bin").code()).isEqualTo(550);
            assertThat(raw.command("SIZE upload.bin").code()).isEqualTo(550);
            assertThat(raw.command("DELE upload.bin").code()).isEqualTo(550);
            assertThat(raw.command("MKD dir").code()).isEqualTo(550);
            assertThat(raw.command("RMD /pub/incoming").code()).isEqualTo(550);
        }
        assertThat(pub.resolve("incoming/upload.bin")).hasContent("warez?");
        try (RawFtpClient raw = server.connect()) {
            raw.command("USER username"); // AuthAliasOnly on: only the alias enters the area
            assertThat(raw.command("PASS someone@example.com").code()).isEqualTo(530);
        }
    }

    @Test
    void hideDirectoryFromAnonymous() throws Exception {
        Path area = dir.resolve("data/home/ftp");
        Files.writeString(Files.createDirectories(area.resolve("Private")).resolve("secret.txt"), "secret");
        Files.createDirectories(area.resolve("pub"));
        start("hide-directory-from-anonymous.conf", ConfiguredServer.user("ftp"));
        try (RawFtpClient raw = server.connect()) {
            raw.login("ftp", "someone@example.com");
            assertThat(names(raw, "NLST")).containsExactly("pub");
            assertThat(names(raw, "NLST Private")).isEmpty();
        }
    }

    @Test
    void preventAccessToHiddenDirectory() throws Exception {
        Path area = dir.resolve("data/home/ftp");
        Files.writeString(Files.createDirectories(area.resolve("Private")).resolve("secret.txt"), "secret");
        Files.createDirectories(area.resolve("pub"));
        start("prevent-access-to-hidden-directory.conf", ConfiguredServer.user("ftp"));
        try (RawFtpClient raw = server.connect()) {
            raw.login("ftp", "someone@example.com");
            assertThat(names(raw, "NLST")).containsExactly("pub");
            RawReply cwd = raw.command("CWD Private");
            assertThat(cwd.code()).isEqualTo(550);
            assertThat(cwd.text()).isEqualTo("No such file or directory");
            RawReply retr = raw.command("RETR Private/secret.txt");
            assertThat(retr.code()).isEqualTo(550);
            assertThat(retr.text()).isEqualTo("No such file or directory");
        }
    }

    @Test
    void virtualFtpServer() throws Exception {
        start("virtual-ftp-server.conf");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            assertThat(raw.banner().lines()).containsExactly("220 My virtual FTP server ready");
            raw.login("alice", "alice-secret");
        }
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.1")) {
            assertThat(raw.banner().lines()).containsExactly("220 Main server ready");
        }
    }

    @Test
    void anonymousOnlyVirtualServer() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("usr/local/private")).resolve("file.txt"), "anon");
        start("anonymous-only-virtual-server.conf");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            assertThat(raw.banner().lines()).containsExactly("220 My virtual FTP server ready");
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").code()).isEqualTo(530);
            raw.command("USER private");
            assertThat(raw.command("PASS guest@example.com").code()).isEqualTo(230);
            raw.command("TYPE I");
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "file.txt")).asString().isEqualTo("anon");
        }
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.1")) {
            raw.login("alice", "alice-secret"); // the main server is not restricted
        }
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.1")) {
            raw.command("USER private"); // nor has it the anonymous area
            assertThat(raw.command("PASS guest@example.com").code()).isEqualTo(530);
        }
    }

    @Test
    void limitLoginDisconnectsASubnetWithoutAWelcome() throws Exception {
        start("limit-login-subnet.conf");
        try (RawFtpClient denied = server.connect("127.0.1.5", "127.0.0.1")) {
            assertThat(denied.banner().code()).isEqualTo(421);
            assertThat(denied.isClosedByServer()).isTrue();
        }
        try (RawFtpClient neighbour = server.connect("127.0.2.5", "127.0.0.1")) {
            assertThat(neighbour.banner().code()).isEqualTo(220);
            neighbour.login("alice", "alice-secret");
        }
    }

    @Test
    void limitLoginAllowsOnlyAnonymous() throws Exception {
        Files.createDirectories(dir.resolve("data/home/ftp"));
        start("limit-login-anonymous-only.conf", ConfiguredServer.user("ftp"));
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.banner().code()).isEqualTo(220); // not disconnected: a login may still succeed
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").code()).isEqualTo(530);
            raw.command("USER ftp");
            assertThat(raw.command("PASS someone@example.com").code()).isEqualTo(230);
            assertThat(raw.command("PWD").text()).startsWith("\"/\"");
        }
    }

    @Test
    void defaultRootJailsEveryUserInTheirHome() throws Exception {
        start("default-root-home.conf");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            assertThat(raw.command("PWD").text()).startsWith("\"/\"");
            TransferSupport.upload(raw, RawMode.PASV, "STOR mine.txt", bytes("in the home"));
            assertThat(raw.command("CDUP").code()).isEqualTo(250);
            assertThat(raw.command("PWD").text()).startsWith("\"/\"");
            assertThat(raw.command("CWD ../bob").code()).isEqualTo(550);
            assertThat(names(raw, "NLST")).containsExactly("mine.txt");
        }
        assertThat(dir.resolve("data/home/alice/mine.txt")).hasContent("in the home");
    }

    @Test
    void defaultRootJailsByGroupExpression() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("u2/public")).resolve("shared.txt"), "shared");
        start("default-root-group-expression.conf", ConfiguredServer.user("carol", "users", "staff"));
        server.users().update(server.users().find("alice").orElseThrow().withGroups(Set.of("users")));
        try (RawFtpClient alice = server.connect("127.0.0.1", "127.0.0.2")) {
            alice.login("alice", "alice-secret");
            assertThat(alice.command("PWD").text()).startsWith("\"/\"");
            assertThat(names(alice, "NLST")).containsExactly("shared.txt");
            alice.command("CDUP");
            assertThat(names(alice, "NLST")).containsExactly("shared.txt");
        }
        // not matching users,!staff: "they login as per normal (not jailed, default directory is their home)"
        for (String user : List.of("carol", "bob")) {
            try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
                raw.login(user, user + "-secret");
                assertThat(raw.command("PWD").text()).as(user)
                        .startsWith("\"" + dir.resolve("data/home").resolve(user).toRealPath() + "\"");
            }
        }
    }

    @Test
    void perUserAnonymousSites() throws Exception {
        Path site = Files.createDirectories(dir.resolve("data/home/alice/anon-ftp/incoming")).getParent();
        Files.writeString(site.resolve("welcome.txt"), "alice's site");
        start("per-user-anonymous-sites.conf");
        server.users().update(server.users().find("alice").orElseThrow().withGroups(Set.of("anonftp")));
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            assertThat(raw.command("PWD").text()).startsWith("\"/\""); // DefaultRoot ~/anon-ftp
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "welcome.txt")).asString()
                    .isEqualTo("alice's site");
            assertThat(raw.command("STOR top.bin").code()).isEqualTo(550); // read-only except on incoming
            assertThat(raw.command("MKD new").code()).isEqualTo(550);
            assertThat(raw.command("CWD incoming").code()).isEqualTo(250);
            TransferSupport.upload(raw, RawMode.PASV, "STOR gift.bin", bytes("for alice"));
            assertThat(raw.command("RETR gift.bin").code()).isEqualTo(550);
            assertThat(raw.command("DELE gift.bin").code()).isEqualTo(550);
        }
        assertThat(site.resolve("incoming/gift.bin")).hasContent("for alice");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            raw.command("USER bob"); // only anonftp users can connect
            assertThat(raw.command("PASS bob-secret").code()).isEqualTo(530);
        }
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.1")) {
            raw.login("alice", "alice-secret"); // the main server treats her as the user she is
            assertThat(raw.command("MKD made-on-main").code()).isEqualTo(257);
        }
    }

    @Test
    void normalAndAnonymousLoginUnderOneUser() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("data/home/jrluser")).resolve("notes.txt"), "jrl");
        start("normal-and-anonymous-login.conf", ConfiguredServer.user("jrluser"));
        for (String alias : List.of("ftp", "anonymous")) {
            try (RawFtpClient raw = server.connect()) {
                raw.login(alias, "someone@example.com");
                raw.command("TYPE I");
                assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "notes.txt")).as(alias).asString()
                        .isEqualTo("jrl");
                assertThat(raw.command("MKD by-" + alias).code()).as(alias).isEqualTo(550);
            }
        }
        try (RawFtpClient raw = server.connect()) {
            raw.command("USER jrluser"); // AuthAliasOnly: the real name is a normal login
            assertThat(raw.command("PASS someone@example.com").code()).isEqualTo(530);
            raw.command("USER jrluser");
            assertThat(raw.command("PASS jrluser-secret").code()).isEqualTo(230);
            assertThat(raw.command("MKD by-jrluser").code()).isEqualTo(257);
        }
        assertThat(dir.resolve("data/home/jrluser/by-jrluser")).isDirectory();
    }

    @Test
    void anonymousLoginIncorrect() throws Exception {
        Files.createDirectories(dir.resolve("data/home/ftp"));
        start("anonymous-login-incorrect.conf", ConfiguredServer.user("ftp"));
        Path file = dir.resolve("ferry.conf");
        assertThat(reloaded().notices()).map(ConfigError::toString)
                .containsExactly(file + ":" + lineOf(file, "UseFtpUsers off")
                        + ": UseFtpUsers off: Ferry never reads /etc/ftpusers");
        try (RawFtpClient raw = server.connect()) {
            raw.command("USER ftp");
            assertThat(raw.command("PASS someone@example.com").code()).isEqualTo(230);
        }
    }

    @Test
    void chmodIsControlledBySiteChmod() throws Exception {
        Path home = Files.createDirectories(dir.resolve("data/home/alice"));
        Files.writeString(home.resolve("notes.txt"), "n");
        Files.writeString(Files.createDirectories(home.resolve("public_html")).resolve("index.html"), "i");
        Files.setPosixFilePermissions(home.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(home.resolve("public_html/index.html"),
                PosixFilePermissions.fromString("rw-r--r--"));
        start("chmod-isnt-working.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("SITE CHMOD 600 notes.txt").code()).isEqualTo(550);
            assertThat(raw.command("SITE CHMOD 600 public_html/index.html").code()).isEqualTo(200);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("notes.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("public_html/index.html"))))
                .isEqualTo("rw-------");
    }

    @Test
    void transferResumption() throws Exception {
        start("transfer-resumption.conf");
        Path home = dir.resolve("data/home/alice");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            raw.command("TYPE I");
            TransferSupport.upload(raw, RawMode.PASV, "STOR big.bin", bytes("abc"));
            uploadFrom(raw, 3, "STOR big.bin", bytes("def")); // the upload goes on where it broke off
            assertThat(home.resolve("big.bin")).hasContent("abcdef");
            assertThat(retrieveFrom(raw, 2, "big.bin")).isEqualTo("cdef");
        }
    }

    // ---- chapter 6: security ----------------------------------------------------------------

    @Test
    void serverIdentOn() throws Exception {
        start("server-ident-on.conf");
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.banner().lines()).containsExactly("220 Linux.co.uk server");
        }
    }

    @Test
    void serverIdentOffInGlobalHidesEveryServer() throws Exception {
        start("server-ident-off.conf");
        for (String address : List.of("127.0.0.1", "127.0.0.2")) {
            try (RawFtpClient raw = server.connect("127.0.0.1", address)) {
                assertThat(raw.banner().lines()).as(address).containsExactly("220 FTP server ready");
            }
        }
    }

    @Test
    void messageBeforeLogin() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("ftp/ftp.virtualhost")).resolve("login.msg"),
                "Welcome to ftp.virtualhost\nAuthorised users only\n");
        start("message-before-login.conf");
        try (RawFtpClient raw = server.connect()) {
            assertThat(raw.banner().lines()).containsExactly("220-Welcome to ftp.virtualhost",
                    "Authorised users only", "220 Ferry FTP server ready");
        }
    }

    @Test
    void messageAfterLogin() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("proftpd.msg"),
                "Files here are kept for 30 days.\n");
        start("message-after-login.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.command("USER alice");
            RawReply granted = raw.command("PASS alice-secret");
            assertThat(granted.code()).isEqualTo(230);
            assertThat(granted.lines()).hasSize(2)
                    .first().isEqualTo("230-Files here are kept for 30 days.");
        }
    }

    @Test
    void customWelcomeResponse() throws Exception {
        start("custom-welcome-response.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").lines()).containsExactly("230 Guest access granted for alice.");
        }
    }

    // ---- NAT howto --------------------------------------------------------------------------

    @Test
    void masqueradeAddressByDnsName() throws Exception {
        start("nat-masquerade-dns-name.conf");
        try (RawFtpClient raw = server.connect("127.0.0.1", "127.0.0.2")) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("PASV").text()).contains("(127,0,0,1,");
        }
    }

    @Test
    void masqueradeAddressByIpAddress() throws Exception {
        start("nat-masquerade-ip-address.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("PASV").text()).contains("(123,45,67,89,");
        }
    }

    @Test
    void passivePorts() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("data/home/alice")).resolve("a.txt"), "a");
        start("nat-passive-ports.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            RawReply pasv = raw.command("PASV");
            InetSocketAddress target = TransferSupport.parsePasv(pasv);
            assertThat(target.getPort()).isBetween(60000, 65535);
            try (Socket data = new Socket(target.getHostString(), target.getPort())) {
                assertThat(raw.command("NLST").code()).isEqualTo(150);
                assertThat(new String(RawFtpClient.readAll(data), StandardCharsets.UTF_8)).isEqualTo("a.txt\r\n");
                assertThat(raw.read().code()).isEqualTo(226);
            }
        }
    }

    @Test
    void passiveTransfersRefused() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("data/home/alice")).resolve("a.txt"), "a");
        start("nat-refuse-passive.conf");
        try (RawFtpClient raw = server.connect()) {
            raw.login("alice", "alice-secret");
            assertThat(raw.command("PASV").code()).isEqualTo(550);
            assertThat(raw.command("EPSV").code()).isEqualTo(550);
            assertThat(TransferSupport.retrieve(raw, RawMode.PORT, "a.txt")).asString().isEqualTo("a");
        }
    }

    @Test
    void lanVirtualHostHasNoMasqueradeAddress() throws Exception {
        start("nat-lan-virtual-host.conf");
        try (RawFtpClient outside = server.connect("127.0.0.1", "127.0.0.3")) {
            assertThat(outside.banner().lines()).containsExactly("220 Some Server Name ready");
            outside.login("alice", "alice-secret");
            RawReply pasv = outside.command("PASV");
            assertThat(pasv.text()).contains("(127,0,0,1,");
            assertThat(TransferSupport.parsePasv(pasv).getPort()).isBetween(60000, 65535);
        }
        try (RawFtpClient inside = server.connect("127.0.0.1", "127.0.0.2")) {
            assertThat(inside.banner().lines()).containsExactly("220 Some Other Server Name ready");
            inside.login("alice", "alice-secret");
            assertThat(inside.command("PASV").text()).contains("(127,0,0,2,");
        }
    }

    @Test
    void masqueradeAddressPerClass() throws Exception {
        start("nat-masquerade-per-class.conf");
        try (RawFtpClient internal = server.connect("127.0.0.2", "127.0.0.1")) {
            internal.login("alice", "alice-secret");
            assertThat(internal.command("PASV").text()).contains("(10,1,2,3,");
        }
        try (RawFtpClient other = server.connect("127.0.0.1", "127.0.0.1")) {
            other.login("alice", "alice-secret");
            assertThat(other.command("PASV").text()).contains("(1,2,3,4,");
        }
    }

    // ---- the fixtures themselves, and the loader's answers around them ----------------------

    @Test
    void everyFixtureHasATest() throws IOException, URISyntaxException {
        URL folder = FaqSnippetsTest.class.getResource(FIXTURES);
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(TESTED);
        }
    }

    @Test
    void everyFixtureQuotesItsQuestion() throws IOException {
        for (String name : TESTED) {
            String first = fixture(name).lines().findFirst().orElse("");
            assertThat(first).as(name).matches("# ProFTPD (FAQ, chapter [456], question \\d+|NAT howto, .*).*");
        }
    }

    @Test
    void ifClassForEveryoneElseNeedsAnAddressForTheClassItself() throws Exception {
        Path file = dir.resolve("negated.conf");
        Files.writeString(file, """
                Port 2121
                <Class internal>
                  From 10.0.0.0/8
                </Class>
                <IfClass !internal>
                  MasqueradeAddress 1.2.3.4
                </IfClass>
                <IfClass !lan>
                  MasqueradeAddress 5.6.7.8
                </IfClass>
                <IfClass !internal>
                  AllowForeignAddress on
                </IfClass>
                """);
        assertThat(refused(file).errors()).map(ConfigError::toString).containsExactlyInAnyOrder(
                file + ":6: <IfClass !internal> with MasqueradeAddress needs a MasqueradeAddress for class internal "
                        + "too (in <IfClass internal> or for the whole server); advertising the local address to "
                        + "one class only is not supported yet",
                file + ":9: a second <IfClass !NAME> with MasqueradeAddress in one server is not supported yet",
                file + ":12: AllowForeignAddress inside <IfClass !internal> is not supported yet (only "
                        + "MasqueradeAddress)");
    }

    @Test
    void ifClassForEveryoneElseKeepsTheServersAddressForTheClass() throws Exception {
        Path file = dir.resolve("negated.conf");
        Files.writeString(file, """
                Port 2121
                <Class internal>
                  From 10.0.0.0/8
                </Class>
                <IfClass !internal>
                  MasqueradeAddress 1.2.3.4
                </IfClass>
                MasqueradeAddress 192.0.2.1
                """);
        var passive = load(file).config().main().passive();
        assertThat(passive.masqueradeFor(Optional.of("internal"))).contains("192.0.2.1");
        assertThat(passive.masqueradeFor(Optional.of("other"))).contains("1.2.3.4");
        assertThat(passive.masqueradeFor(Optional.empty())).contains("1.2.3.4");
    }

    @Test
    void useFtpUsersOnIsNotSupportedYet() throws Exception {
        Path file = dir.resolve("ftpusers.conf");
        Files.writeString(file, "Port 2121\nUseFtpUsers on\n<Directory /srv>\nUseFtpUsers off\n</Directory>\n");
        assertThat(refused(file).errors()).map(ConfigError::toString).containsExactly(
                file + ":2: UseFtpUsers on is not supported yet (/etc/ftpusers is never read); use off",
                file + ":4: UseFtpUsers is not allowed in <Directory>; it belongs in the server context or a "
                        + "<VirtualHost>");
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The fixture's text, with {@code @GROUP@} replaced by the group that owns the test's files. */
    private String fixture(String name) throws IOException {
        try (var in = FaqSnippetsTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String group = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group()
                    .getName();
            return text.replace("@GROUP@", group);
        }
    }

    private void start(String name, StoredUser... more) throws Exception {
        server = ConfiguredServer.start(dir, fixture(name), Arrays.asList(more));
    }

    /** The running server's file loaded once more, to look at what the loader made of it. */
    private LoadedConfig reloaded() throws ConfigException {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        return ConfigLoader.load(dir.resolve("ferry.conf"), data, name -> server.users().find(name)
                .map(u -> data.defaultHome(u.name())));
    }

    /** A fixture written out for loading only: nothing listens, so its port can be any. */
    private Path write(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, fixture(name).replace("@PORT2@", "2122").replace("@PORT@", "2121")
                .replace("@DIR@", dir.toString()));
        return file;
    }

    private LoadedConfig load(Path file) throws ConfigException {
        return ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), name -> Optional.empty());
    }

    private ConfigException refused(Path file) {
        try {
            load(file);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError(file + " loaded, but should have been refused");
    }

    /** The 1-based number of the first line of {@code file} that starts with {@code start}. */
    private static int lineOf(Path file, String start) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in " + file);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The lines a listing command sends over a passive connection; asserts 150 and 226. */
    private static List<String> names(RawFtpClient raw, String command) {
        try (DataLink link = RawMode.PASV.prepare(raw)) {
            RawReply opening = raw.command(command);
            assertThat(opening.code()).as("%s: %s", command, opening).isEqualTo(150);
            String data = new String(RawFtpClient.readAll(link.socket()), StandardCharsets.UTF_8);
            assertThat(raw.read().code()).as(command).isEqualTo(226);
            return data.lines().toList();
        }
    }

    /** REST then STOR-like {@code command} over one passive connection; asserts 350, 150 and 226. */
    private static void uploadFrom(RawFtpClient raw, long offset, String command, byte[] data) {
        try (DataLink link = RawMode.PASV.prepare(raw)) {
            assertThat(raw.command("REST " + offset).code()).isEqualTo(350);
            RawReply opening = raw.command(command);
            assertThat(opening.code()).as("%s: %s", command, opening).isEqualTo(150);
            try (OutputStream out = link.socket().getOutputStream()) {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(raw.read().code()).as(command).isEqualTo(226);
        }
    }

    /** REST then RETR over one passive connection; asserts 350, 150 and 226. */
    private static String retrieveFrom(RawFtpClient raw, long offset, String name) {
        try (DataLink link = RawMode.PASV.prepare(raw)) {
            assertThat(raw.command("REST " + offset).code()).isEqualTo(350);
            RawReply opening = raw.command("RETR " + name);
            assertThat(opening.code()).as("RETR: %s", opening).isEqualTo(150);
            String data = new String(RawFtpClient.readAll(link.socket()), StandardCharsets.UTF_8);
            assertThat(raw.read().code()).isEqualTo(226);
            return data;
        }
    }
}
