package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.file.ConfigError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's stock {@code /etc/proftpd/proftpd.conf} and {@code modules.conf} (proftpd-core
 * 1.3.8's templates, comments left out) load as they are: a server migrated from Debian's
 * ProFTPD starts with the file it has. Its module lines, {@code DeferWelcome},
 * {@code ShowSymlinks}, {@code MaxInstances}, {@code SystemLog} and {@code DelayEngine} used to be
 * refused.
 */
class DebianConfigurationTest {
    @TempDir
    Path dir;

    private Path debianFiles() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc/proftpd"));
        Files.createDirectories(etc.resolve("conf.d"));
        Files.createDirectories(dir.resolve("var/log/proftpd"));
        for (String name : new String[] {"proftpd.conf", "modules.conf"}) {
            try (InputStream in = getClass().getResourceAsStream("/dev/ferry/config/debian/" + name)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("/etc/proftpd/", etc + "/").replace("/var/log/proftpd/", dir + "/var/log/proftpd/");
                Files.writeString(etc.resolve(name), text);
            }
        }
        return etc.resolve("proftpd.conf");
    }

    private LoadedConfig load(Path file) throws ConfigException {
        return ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), name -> Optional.empty());
    }

    @Test
    void debiansStockConfigurationLoadsAndMeansWhatItSays() throws Exception {
        Path file = debianFiles();
        LoadedConfig loaded = load(file);
        FerryConfig config = loaded.config();
        ServerConfig main = config.main();
        assertThat(main.serverName()).isEqualTo("Debian");
        assertThat(config.maxInstances()).isEqualTo(30);
        assertThat(config.systemLog()).contains(dir.resolve("var/log/proftpd/proftpd.log"));
        assertThat(main.transferLogs()).singleElement().satisfies(
                log -> assertThat(log.file()).isEqualTo(dir.resolve("var/log/proftpd/xferlog")));
        assertThat(main.timeouts().idle()).hasSeconds(1200);
        assertThat(main.timeouts().noTransfer()).hasSeconds(600);
        assertThat(main.files().allowOverwrite()).isTrue();
        assertThat(main.files().denyFilter()).isPresent();
        assertThat(main.files().listOptions().flags().all()).isFalse(); // ListOptions "-l"
        assertThat(main.messages().hideIdent()).isFalse(); // DeferWelcome off
        List<String> notes = loaded.notices().stream().map(ConfigError::toString).toList();
        assertThat(notes).anyMatch(n -> n.contains("LoadModule: not part of Ferry") && n.contains("mod_quotatab.c")
                && !n.contains("mod_ratio.c") && !n.contains("mod_ifsession.c"));
        assertThat(notes).anyMatch(n -> n.contains("ShowSymlinks on"));
        assertThat(notes).anyMatch(n -> n.contains("DelayEngine changes nothing"));
        assertThat(notes).noneMatch(n -> n.contains("QuotaEngine")); // its <IfModule mod_quotatab.c> is skipped
    }

    @Test
    void deferWelcomeHidesTheServerUntilLogin() throws Exception {
        Path file = dir.resolve("defer.conf");
        Files.writeString(file, "ServerName \"Example Corp\"\nServerIdent on \"Example FTP\"\nDeferWelcome on\n");
        var messages = load(file).config().main().messages();
        assertThat(messages.hideIdent()).isTrue();
        assertThat(messages.ident()).isEmpty();
    }

    @Test
    void serverWideSettingsStayOutOfVirtualHosts() throws IOException {
        for (String directive : new String[] {"MaxInstances 5", "SystemLog /var/log/ferry.log"}) {
            Path file = dir.resolve("vhost.conf");
            Files.writeString(file, "<VirtualHost 127.0.0.2>\n  " + directive + "\n</VirtualHost>\n");
            assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("set it in the server context");
        }
        Path relative = dir.resolve("relative.conf");
        Files.writeString(relative, "SystemLog proftpd.log\n");
        assertThatThrownBy(() -> load(relative)).hasMessageContaining("SystemLog needs an absolute path");
        Path zero = dir.resolve("zero.conf");
        Files.writeString(zero, "MaxInstances 0\n");
        assertThatThrownBy(() -> load(zero)).isInstanceOf(ConfigException.class).hasMessageContaining("MaxInstances");
    }
}
