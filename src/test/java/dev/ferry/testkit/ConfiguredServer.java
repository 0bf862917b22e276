package dev.ferry.testkit;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.config.proftpd.LoadedConfig;
import dev.ferry.server.FtpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server started from a ProFTPD-syntax configuration file, with virtual users in its data
 * directory. In the file text {@code @PORT@}, {@code @PORT2@} stand for free ports and
 * {@code @DIR@} for the test's directory. {@code ~user} in the file is the home of that virtual
 * user, as {@code ferry serve --config} resolves it (system accounts are not consulted, so that
 * a test does not depend on the machine's /etc/passwd).
 */
public final class ConfiguredServer implements AutoCloseable {
    private final FtpServer server;
    private final UserStore users;
    private final int port;
    private final int port2;

    private ConfiguredServer(FtpServer server, UserStore users, int port, int port2) {
        this.server = server;
        this.users = users;
        this.port = port;
        this.port2 = port2;
    }

    /** Starts a server in {@code dir} with the users {@code alice}/{@code bob} (passwords NAME-secret). */
    public static ConfiguredServer start(Path dir, String text) throws Exception {
        return start(dir, text, List.of());
    }

    /**
     * Starts a server in {@code dir} with {@code alice}/{@code bob} and {@code more} users, all
     * stored before the file is read, so that {@code ~user} in it finds their homes.
     */
    public static ConfiguredServer start(Path dir, String text, List<StoredUser> more) throws Exception {
        int port = freePort();
        int port2 = freePort();
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.homes());
        UserStore users = SqliteUserStore.open(data.userDatabase());
        for (String name : List.of("alice", "bob")) {
            users.add(user(name));
        }
        more.forEach(users::add);
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text.replace("@PORT2@", Integer.toString(port2))
                .replace("@PORT@", Integer.toString(port)).replace("@DIR@", dir.toString()));
        try {
            LoadedConfig loaded = ConfigLoader.load(file, data, name -> users.find(name)
                    .map(u -> u.home().orElseGet(() -> data.defaultHome(u.name()))));
            FtpServer server = FtpServer.start(loaded.config(), new AccountResolver(new AuthenticatorChain(
                    List.of(new VirtualUserAuthenticator(users, data, Optional.empty())))), false);
            return new ConfiguredServer(server, users, port, port2);
        } catch (Exception | Error e) {
            users.close();
            throw e;
        }
    }

    /** A virtual user with the password NAME-secret, its home in the data directory, in {@code groups}. */
    public static StoredUser user(String name, String... groups) {
        return new StoredUser(name, PasswordHasher.hash((name + "-secret").toCharArray()), Optional.empty(), true,
                UserLimits.NONE, Set.of(groups));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    public FtpServer server() {
        return server;
    }

    public UserStore users() {
        return users;
    }

    /** The port written for {@code @PORT@}. */
    public int port() {
        return port;
    }

    /** The port written for {@code @PORT2@}. */
    public int port2() {
        return port2;
    }

    public RawFtpClient connect() {
        return RawFtpClient.connectFrom("127.0.0.1", "127.0.0.1", port);
    }

    public RawFtpClient connect(String from, String to) {
        return RawFtpClient.connectFrom(from, to, port);
    }

    @Override
    public void close() {
        server.stop();
        users.close();
    }
}
