package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport.RawMode;
import dev.ferry.transfer.TransferSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration snippets of the ProFTPD FAQ (chapter 5) and the NAT howto, loaded from real
 * files and driven with a real client: each test shows the behaviour the FAQ promises.
 */
class FaqConfigurationTest {
    @TempDir
    Path dir;
    private ConfiguredServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String text) throws Exception {
        server = ConfiguredServer.start(dir, text);
    }

    private RawFtpClient connect(String from, String to) {
        return server.connect(from, to);
    }

    @Test
    void secureUploadDirectoryTakesUploadsButNeverServesThem() throws Exception {
        Path anon = Files.createDirectories(dir.resolve("ftp/pub/incoming"));
        Files.writeString(dir.resolve("ftp/pub/readme.txt"), "hello");
        start("""
                Port @PORT@
                DefaultAddress 127.0.0.1
                <Anonymous @DIR@/ftp>
                # All files uploaded are set to username.usergroup ownership
                User username
                Group usergroup
                UserAlias ftp username
                AuthAliasOnly on
                RequireValidShell off

                <Directory pub/incoming/>
                  <Limit STOR CWD>
                    AllowAll
                  </Limit>
                  <Limit READ RMD DELE MKD>
                    DenyAll
                  </Limit>
                </Directory>
                </Anonymous>
                """);
        try (RawFtpClient raw = connect("127.0.0.1", "127.0.0.1")) {
            assertThat(raw.banner().code()).isEqualTo(220);
            raw.login("ftp", "someone@example.com");
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "pub/readme.txt")).asString().isEqualTo("hello");
            assertThat(raw.command("CWD pub/incoming").code()).isEqualTo(250);
            TransferSupport.upload(raw, RawMode.PASV, "STOR drop.bin", new byte[] {1, 2, 3}); // asserts 150, 226
            assertThat(anon.resolve("drop.bin")).hasBinaryContent(new byte[] {1, 2, 3});
            assertThat(raw.command("RETR drop.bin").code()).isEqualTo(550);
            assertThat(raw.command("DELE drop.bin").code()).isEqualTo(550);
            assertThat(raw.command("MKD sub").code()).isEqualTo(550);
            assertThat(raw.command("CWD /pub").code()).isEqualTo(250);
            assertThat(raw.command("STOR elsewhere.bin").code()).isEqualTo(550); // the rest is read-only
            assertThat(raw.command("MKD new").code()).isEqualTo(550);
        }
        assertThat(anon.resolve("sub")).doesNotExist();
        try (RawFtpClient raw = connect("127.0.0.1", "127.0.0.1")) {
            raw.banner();
            raw.command("USER username"); // AuthAliasOnly: the real name does not enter the area
            assertThat(raw.command("PASS x@example.com").code()).isEqualTo(530);
        }
    }

    @Test
    void limitLoginDeniesASubnetBeforeTheBanner() throws Exception {
        start("""
                Port @PORT@
                DefaultAddress 127.0.0.1
                <Limit LOGIN>
                Order deny,allow
                Deny from 127.0.0.2
                Allow from all
                </Limit>
                """);
        try (RawFtpClient denied = connect("127.0.0.2", "127.0.0.1")) {
            RawReply first = denied.banner();
            assertThat(first.code()).isEqualTo(421);
            assertThat(denied.isClosedByServer()).isTrue();
        }
        try (RawFtpClient allowed = connect("127.0.0.1", "127.0.0.1")) {
            assertThat(allowed.banner().code()).isEqualTo(220);
            allowed.login("alice", "alice-secret");
            assertThat(allowed.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void anonymousOnlyVirtualHostRefusesRealUsers() throws Exception {
        Files.createDirectories(dir.resolve("private"));
        start("""
                Port @PORT@
                DefaultAddress 127.0.0.1
                ServerName "Main"
                <VirtualHost 127.0.0.2>
                ServerName "My virtual FTP server"
                <Limit LOGIN>
                DenyAll
                </Limit>
                <Anonymous @DIR@/private>
                User private
                Group private
                <Limit LOGIN>
                AllowAll
                </Limit>
                </Anonymous>
                </VirtualHost>
                """);
        try (RawFtpClient raw = connect("127.0.0.1", "127.0.0.2")) {
            assertThat(raw.banner().text()).contains("My virtual FTP server");
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").code()).isEqualTo(530);
            raw.command("USER private");
            assertThat(raw.command("PASS guest@example.com").code()).isEqualTo(230);
            assertThat(raw.command("MKD x").code()).isEqualTo(550); // anonymous: read-only unless a <Limit> allows
        }
        try (RawFtpClient raw = connect("127.0.0.1", "127.0.0.1")) {
            assertThat(raw.banner().text()).contains("Main");
            raw.command("USER alice");
            assertThat(raw.command("PASS alice-secret").code()).isEqualTo(230);
            raw.command("QUIT");
        }
    }

    @Test
    void perClassMasqueradeAddressFollowsTheClient() throws Exception {
        start("""
                Port @PORT@
                DefaultAddress 127.0.0.1
                <Class internal>
                  From 127.0.0.1
                </Class>
                MasqueradeAddress 10.9.9.9
                <IfClass internal>
                  MasqueradeAddress 192.168.1.2
                </IfClass>
                """);
        try (RawFtpClient inside = connect("127.0.0.1", "127.0.0.1")) {
            inside.banner();
            inside.login("alice", "alice-secret");
            assertThat(inside.command("PASV").text()).contains("(192,168,1,2,");
        }
        try (RawFtpClient outside = connect("127.0.0.2", "127.0.0.1")) {
            outside.banner();
            outside.login("alice", "alice-secret");
            assertThat(outside.command("PASV").text()).contains("(10,9,9,9,");
        }
    }

    @Test
    void hostSelectsANameBasedVirtualHost() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/only-here.txt"), "vhost");
        start("""
                Port @PORT@
                DefaultAddress 127.0.0.1
                ServerName "Main"
                <VirtualHost 127.0.0.1>
                  ServerAlias files.example.com
                  ServerName "Files"
                  <Anonymous @DIR@/files>
                    User ftp
                  </Anonymous>
                </VirtualHost>
                """);
        try (RawFtpClient raw = connect("127.0.0.1", "127.0.0.1")) {
            assertThat(raw.banner().text()).contains("Main");
            raw.command("USER ftp"); // the main server has no anonymous area
            assertThat(raw.command("PASS me@example.com").code()).isEqualTo(530);
            assertThat(raw.command("HOST nowhere.example.com").code()).isEqualTo(504);
            RawReply chosen = raw.command("HOST files.example.com");
            assertThat(chosen.code()).isEqualTo(220);
            assertThat(chosen.text()).contains("Files");
            raw.command("USER ftp");
            assertThat(raw.command("PASS me@example.com").code()).isEqualTo(230);
            assertThat(raw.command("SIZE only-here.txt").code()).isEqualTo(213);
            assertThat(raw.command("HOST files.example.com").code()).isEqualTo(503);
        }
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, """
                ServerName "ok"
                FrobnicateAll on
                <Anonymous /srv/ftp>
                  TimeoutLogin 10
                </Anonymous>
                TimeoutIdle soon
                """);
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        assertThatThrownBy(() -> ConfigLoader.load(file, data, name -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2: unknown directive FrobnicateAll")
                .hasMessageContaining(file + ":4: TimeoutLogin is not allowed in <Anonymous>")
                .hasMessageContaining(file + ":6: TimeoutIdle takes a number, not 'soon'")
                .hasMessageContaining(file + ":3: <Anonymous> needs a User line");
    }

    @Test
    void directivesOfMissingFeaturesAreRefusedNotIgnored() throws IOException {
        Path file = dir.resolve("tls.conf");
        Files.writeString(file, "Port 2121\nQuotaEngine on\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("d")), n -> Optional.empty()))
                .hasMessageContaining(file + ":2: QuotaEngine is not supported yet");
    }
}
