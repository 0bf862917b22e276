package dev.ferry.protocol;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.cli.ServeSwitches;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.config.proftpd.LoadedConfig;
import dev.ferry.server.FtpServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A Ferry server on 127.0.0.1 and an ephemeral port for the file-rule tests, made either from a
 * ProFTPD configuration file (as {@code ferry serve --config}) or from {@code ferry serve}
 * switches, with the virtual user alice. {@code DIR/} in configuration text stands for the test's
 * directory; alice's home is {@link #home()}.
 */
final class RulesServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "alice-secret";

    private final FtpServer server;
    private final UserStore users;
    private final DataDirectory data;

    private RulesServer(FtpServer server, UserStore users, DataDirectory data) {
        this.server = server;
        this.users = users;
        this.data = data;
    }

    /** A server from configuration text; {@code DIR/} is replaced by {@code dir/}. */
    static RulesServer fromConfig(Path dir, String text) {
        try {
            DataDirectory data = dataDirectory(dir);
            Path file = dir.resolve("ferry.conf");
            Files.writeString(file, "Port 2121\nDefaultAddress 127.0.0.1\n" + text.replace("DIR/", dir + "/"));
            LoadedConfig loaded = ConfigLoader.load(file, data, name -> Optional.empty());
            FerryConfig config = loaded.config();
            ServerConfig main = config.main().withBinds(List.of(new InetSocketAddress("127.0.0.1", 0)));
            return start(new FerryConfig(List.of(main), config.classes(), config.source(), config.syslog(),
                    config.systemLog(), config.maxInstances()), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server from {@code ferry serve} switches (listening on 127.0.0.1, an ephemeral port). */
    static RulesServer fromSwitches(Path dir, String... args) {
        try {
            DataDirectory data = dataDirectory(dir);
            Files.createDirectories(data.anonymousRoot());
            ServeSwitches switches = new ServeSwitches();
            String[] all = new String[args.length + 2];
            all[0] = "-S";
            all[1] = "127.0.0.1,0";
            System.arraycopy(args, 0, all, 2, args.length);
            new CommandLine(switches).parseArgs(all);
            return start(FerryConfig.single(switches.build(data).server()), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataDirectory dataDirectory(Path dir) throws IOException {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.defaultHome(USER));
        return data;
    }

    private static RulesServer start(FerryConfig config, DataDirectory data) throws IOException {
        UserStore users = SqliteUserStore.open(data.userDatabase());
        users.add(new StoredUser(USER, PasswordHasher.hash(PASSWORD.toCharArray()), Optional.empty(), true,
                UserLimits.NONE));
        var chain = new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())));
        return new RulesServer(FtpServer.start(config, new AccountResolver(chain), false), users, data);
    }

    /** Adds a virtual user whose password is "NAME-secret", with groups and limits of their own. */
    void addUser(String name, java.util.Set<String> groups, UserLimits limits) {
        try {
            Files.createDirectories(data.defaultHome(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        users.add(new StoredUser(name, PasswordHasher.hash((name + "-secret").toCharArray()), Optional.empty(), true,
                limits, groups));
    }

    /** A raw client logged in as a user {@link #addUser added}, in binary type. */
    RawFtpClient login(String name) {
        RawFtpClient client = connect();
        client.login(name, name + "-secret");
        client.command("TYPE I");
        return client;
    }

    /** Reads the configuration again, as {@code ferry reload} does (this one is fixed: logs are reopened). */
    dev.ferry.server.ReloadOutcome reload() {
        return server.reload();
    }

    /** Alice's home: "/" for her. */
    Path home() {
        return data.defaultHome(USER);
    }

    Path anonymousRoot() {
        return data.anonymousRoot();
    }

    RawFtpClient connect() {
        return RawFtpClient.connect("127.0.0.1", server.addresses().getFirst().getPort());
    }

    /** A raw client connected to the listener on {@code local} (a server started with more than one {@code -S}). */
    RawFtpClient connectTo(String local) {
        for (java.net.InetSocketAddress a : server.addresses()) {
            if (a.getAddress().getHostAddress().equals(local)) {
                return RawFtpClient.connect(local, a.getPort());
            }
        }
        throw new IllegalArgumentException("no listener on " + local + ": " + server.addresses());
    }

    /** A raw client logged in as alice, in binary type. */
    RawFtpClient alice() {
        RawFtpClient client = connect();
        client.login(USER, PASSWORD);
        client.command("TYPE I");
        return client;
    }

    /** A data command's outcome: the final reply (or the refusal) and what came over the data connection. */
    record Exchange(RawReply reply, String data) {
        int code() {
            return reply.code();
        }
    }

    /** Runs a data command over a passive connection (LIST, NLST, MLSD, RETR). */
    static Exchange run(RawFtpClient client, String command) {
        try (TransferSupport.DataLink link = TransferSupport.RawMode.PASV.prepare(client)) {
            RawReply first = client.command(command);
            if (first.code() != 150) {
                return new Exchange(first, "");
            }
            byte[] data = RawFtpClient.readAll(link.socket());
            return new Exchange(client.read(), new String(data, StandardCharsets.UTF_8));
        }
    }

    /** The names a listing command shows, one per line; asserts that it succeeded. */
    static List<String> names(RawFtpClient client, String command) {
        Exchange x = run(client, command);
        if (x.code() != 226) {
            throw new AssertionError(command + ": " + x.reply());
        }
        return x.data().lines().map(line -> command.startsWith("MLSD") ? line.substring(line.indexOf(' ') + 1)
                : command.startsWith("LIST") ? line.substring(line.lastIndexOf(' ') + 1) : line).toList();
    }

    @Override
    public void close() {
        server.stop();
        users.close();
    }
}
