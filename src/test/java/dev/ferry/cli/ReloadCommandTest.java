package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.DataDirectory;
import dev.ferry.server.ConfigLoad;
import dev.ferry.server.FtpServer;
import dev.ferry.server.admin.AdminCommands;
import dev.ferry.server.admin.AdminSocket;
import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry reload}, run in-process against a server's admin socket. */
class ReloadCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run ferry(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = FerryCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void reloadAppliesAGoodFileAndRefusesABadOneThroughTheAdminSocket() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.homes());
        Path file = dir.resolve("ferry.conf");
        String head = "Port " + port + "\nDefaultAddress 127.0.0.1\n";
        Files.writeString(file, head + "ServerIdent on \"First\"\n");
        try (UserStore users = SqliteUserStore.open(data.userDatabase())) {
            ServeConfigSource source = ServeConfigSource.ofFile(file, data, users);
            ConfigLoad.Loaded first = (ConfigLoad.Loaded) source.load();
            FtpServer server = FtpServer.start(first.config(), source, new AccountResolver(new AuthenticatorChain(
                    List.of(new VirtualUserAuthenticator(users, data, Optional.empty())))), false);
            try (AdminSocket ignored = AdminSocket.open(AdminSocket.pathIn(data), AdminCommands.of(server))) {
                Files.writeString(file, head + "ServerIdent on \"Second\"\nServerType standalone\n");
                Run good = ferry("reload", "--data-dir", data.root().toString());
                assertThat(good).isEqualTo(new Run(0, "configuration reloaded from " + file
                        + ": 1 server; 0 running sessions keep the previous configuration\n"
                        + "note: " + file + ":4: ServerType standalone is how Ferry always runs\n", ""));
                try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", port)) {
                    assertThat(client.banner().text()).isEqualTo("Second");
                }

                Files.writeString(file, head + "ServerIdent on \"Third\"\nQuotaEngine on\n");
                Run bad = ferry("reload", "--data-dir", data.root().toString());
                assertThat(bad.status()).isEqualTo(1);
                assertThat(bad.out()).isEmpty();
                assertThat(bad.err()).startsWith(file + ":4: ").endsWith("\nferry reload: the new configuration was "
                        + "refused; the server keeps running with the previous one\n");
                try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", port)) {
                    assertThat(client.banner().text()).isEqualTo("Second");
                }
            } finally {
                server.stop();
            }
        }
        assertThat(AdminSocket.pathIn(data)).doesNotExist();
    }

    @Test
    void withoutARunningServerReloadSaysSoAndExitsWith2() throws IOException {
        Path data = dir.resolve("data");
        Path socket = data.resolve("ferry.sock");
        Run none = ferry("reload", "--data-dir", data.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).startsWith("ferry reload: no Ferry server is running with data directory " + data
                + ": nothing answers on " + socket + " (");

        // the same when a server died and left its socket behind
        Files.createDirectories(data);
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socket));
        gone.close();
        Run stale = ferry("reload", "--data-dir", data.toString());
        assertThat(stale.status()).isEqualTo(2);
        assertThat(stale.err()).startsWith("ferry reload: no Ferry server is running with data directory " + data
                + ": nothing answers on " + socket + " (");
    }
}
