package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.UserStore;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FileRules;
import dev.ferry.config.ServerConfig;
import dev.ferry.server.ConfigLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * What a reload of {@code ferry serve} reads: the switches given at start over the
 * pure-ftpd.conf as it is now, or the configuration file as it is now; and the switches that
 * {@code --config} does not take.
 */
class ServeConfigSourceTest {
    @TempDir
    Path dir;
    DataDirectory data;

    @BeforeEach
    void dataDirectory() {
        data = new DataDirectory(dir.resolve("data"));
    }

    private static ServerConfig server(ConfigLoad load) {
        assertThat(load).isInstanceOf(ConfigLoad.Loaded.class);
        return ((ConfigLoad.Loaded) load).config().main();
    }

    @Test
    void theSwitchesGivenAtStartAreGivenAgainAsTheyWere() {
        CommandLine serve = new CommandLine(new ServeCommand());
        serve.parseArgs("-S", "127.0.0.1,0", "--bind", ",21", "-xw", "-c=5", "-dd", "--data-dir", "x",
                "--login-cache", "9", "--server-name", "a=b");
        List<String> given = ServeConfigSource.givenSwitches(serve);
        assertThat(given).containsExactlyInAnyOrder("--bind=127.0.0.1,0", "--bind=,21", "--maxclientsnumber=5",
                "--allowuserfxp", "--prohibitdotfileswrite", "--verboselog", "--verboselog", "--server-name=a=b");

        ServeSwitches direct = new ServeSwitches();
        new CommandLine(direct).parseArgs("-S", "127.0.0.1,0", "--bind", ",21", "-xw", "-c=5", "-dd",
                "--server-name", "a=b");
        assertThat(server(ServeConfigSource.ofSwitches(given, Optional.empty(), data).load()))
                .isEqualTo(direct.build(data).server());
    }

    @Test
    void eachLoadReadsThePureFtpdConfAgainOnAFreshCommandLine() throws IOException {
        Path conf = dir.resolve("pure-ftpd.conf");
        Files.writeString(conf, "MaxClientsPerIP 4\nNoTruncate yes\n");
        ServeConfigSource source = ServeConfigSource.ofSwitches(List.of("--maxclientsnumber=50"), Optional.of(conf),
                data);

        ConfigLoad first = source.load();
        assertThat(first.notes()).isEmpty();
        assertThat(server(first).limits().maxSessions()).isEqualTo(50);
        assertThat(server(first).limits().maxSessionsPerIp()).isEqualTo(4);
        assertThat(server(first).files().hiddenStores()).contains(FileRules.HIDDEN_STORE_PREFIX);

        Files.writeString(conf, "MaxClientsPerIP 6\nMaxClientsNumber 20\nDaemonize yes\n");
        ConfigLoad second = source.load();
        assertThat(second.notes()).containsExactly("-c 50 overrides MaxClientsNumber 20 from " + conf,
                "note: " + conf + ":3: Daemonize yes changes nothing: Ferry runs in the foreground; run it under "
                        + "a supervisor such as systemd");
        assertThat(server(second).limits().maxSessions()).isEqualTo(50);
        assertThat(server(second).limits().maxSessionsPerIp()).isEqualTo(6);
        // NoTruncate is gone from the file, so it is off again
        assertThat(server(second).files().hiddenStores()).isEmpty();

        Files.writeString(conf, "MaxClientsPerIP 6\nExtCert /run/pure-certd.sock\n");
        assertThat(source.load()).isEqualTo(new ConfigLoad.Failed(
                List.of(conf + ":2: ExtCert is not supported yet"), List.of(), Optional.of(conf)));
    }

    @Test
    void switchesThatContradictEachOtherFailWithTheirMessage() {
        assertThat(ServeConfigSource.ofSwitches(List.of("--chrooteveryone", "--trustedgid=staff"), Optional.empty(),
                data).load()).isInstanceOfSatisfying(ConfigLoad.Failed.class, f -> {
                    assertThat(f.errors()).singleElement().asString()
                            .startsWith("-A (--chrooteveryone) and -a (--trustedgid) contradict each other");
                    assertThat(f.file()).isEmpty();
                });
    }

    @Test
    void eachLoadReadsTheConfigurationFileAndItsIncludesAgain() throws IOException {
        Path file = dir.resolve("ferry.conf");
        Path extra = dir.resolve("extra.conf");
        Files.writeString(file, "Port 2121\nDefaultAddress 127.0.0.1\nInclude " + extra + "\n");
        Files.writeString(extra, "ServerIdent on \"One\"\n");
        Files.createDirectories(data.root());
        try (UserStore users = SqliteUserStore.open(data.userDatabase())) {
            ServeConfigSource source = ServeConfigSource.ofFile(file, data, users);
            assertThat(server(source.load()).messages().ident()).contains("One");

            Files.writeString(extra, "ServerIdent on \"Two\"\n");
            assertThat(server(source.load()).messages().ident()).contains("Two");

            Files.writeString(extra, "ServerIdent on \"Three\"\nNoSuchDirective 1\n");
            assertThat(source.load()).isEqualTo(new ConfigLoad.Failed(
                    List.of(extra + ":2: unknown directive NoSuchDirective"), List.of(), Optional.of(file)));
        }
    }

    @Test
    void anUploadScriptBesideConfigIsEveryServersOnEachLoad() throws IOException {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, "Port 2121\n<VirtualHost 127.0.0.2>\n  Port 2121\n</VirtualHost>\n");
        Path script = dir.resolve("hook.sh");
        try (UserStore users = SqliteUserStore.open(dir.resolve("users.db"))) {
            ServeConfigSource source = ServeConfigSource.ofFile(file, data, users, Optional.of(script));
            for (int load = 0; load < 2; load++) {
                ConfigLoad loaded = source.load();
                assertThat(loaded).isInstanceOf(ConfigLoad.Loaded.class);
                assertThat(((ConfigLoad.Loaded) loaded).config().servers())
                        .extracting(s -> s.afterTransfer().uploadScript()).containsExactly(Optional.of(script),
                                Optional.of(script));
            }
        }
    }

    @Test
    @ResourceLock("java.lang.System.err")
    void theUploadScriptIsCheckedBesideConfigToo() throws IOException {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, "Port 2121\n");
        ServeSwitchesTest.Run run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(),
                "--config", file.toString(), "-o");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("ferry serve: -o (--uploadscript) needs --upload-script PROGRAM");
        run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(), "--config", file.toString(),
                "--upload-script", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ferry serve: --upload-script " + file + " is not an executable file\n");
        assertThat(data.root()).doesNotExist();
    }

    @Test
    @ResourceLock("java.lang.System.err")
    void switchesThatShapeTheServerCannotBeCombinedWithConfig() throws IOException {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, "Port 2121\n");
        ServeSwitchesTest.Run run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(),
                "--config", file.toString(), "-p", "30000:30099", "--login-cache", "5", "-c", "5",
                "--shutdown-grace", "3");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "ferry serve: -p (--passiveportrange) cannot be combined with --config; set it in the file "
                        + "(PassivePorts)\n"
                        + "ferry serve: -c (--maxclientsnumber) cannot be combined with --config; set it in the file "
                        + "(MaxClients)\n"
                        + "ferry serve: --shutdown-grace cannot be combined with --config; the configuration file "
                        + "has no equivalent\n");
        assertThat(data.root()).doesNotExist();

        // --data-dir and --login-cache are not about the server the file describes: the file's own errors show
        Files.writeString(file, "Port 2121\nNoSuchDirective 1\n");
        run = ServeSwitchesTest.ferry("serve", "--data-dir", data.root().toString(), "--config", file.toString(),
                "--login-cache", "5");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(file + ":2: unknown directive NoSuchDirective\n"
                + "ferry serve: " + file + " has errors; not started\n");
    }
}
