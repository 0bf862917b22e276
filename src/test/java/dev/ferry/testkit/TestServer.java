package dev.ferry.testkit;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.AccessRules;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.LoginRules;
import dev.ferry.config.Messages;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.PassiveConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.Timeouts;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.server.FtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * A real Ferry server on 127.0.0.1 with an ephemeral port, a temporary data directory and
 * virtual users, for tests that drive it with real clients. Close it to stop the server.
 */
public final class TestServer implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "alice-secret";

    private final FtpServer server;
    private final UserStore users;
    private final DataDirectory data;

    private TestServer(FtpServer server, UserStore users, DataDirectory data) {
        this.server = server;
        this.users = users;
        this.data = data;
    }

    public static Builder builder(Path tempDir) {
        return new Builder(tempDir);
    }

    /** A server with the defaults and user alice. */
    public static TestServer start(Path tempDir) {
        return builder(tempDir).start();
    }

    public int port() {
        return server.addresses().getFirst().getPort();
    }

    public FtpServer server() {
        return server;
    }

    public Path dataDir() {
        return data.root();
    }

    /** The host directory that is "/" for a virtual user (created at first login, or here). */
    public Path home(String user) {
        Path home = data.defaultHome(user);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    public Path home() {
        return home(USER);
    }

    public Path anonymousRoot() {
        return server.config().main().anonymous().getFirst().root();
    }

    public RawFtpClient raw() {
        return RawFtpClient.connect("127.0.0.1", port());
    }

    /** A Commons Net client, connected (banner read) but not logged in. */
    public FTPClient client() {
        FTPClient client = new FTPClient();
        client.setConnectTimeout(10_000);
        client.setDefaultTimeout(20_000);
        client.setControlEncoding("UTF-8");
        try {
            client.connect("127.0.0.1", port());
            client.setSoTimeout(20_000);
            client.setDataTimeout(Duration.ofSeconds(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client;
    }

    /** A Commons Net client logged in as alice, binary type, passive mode. */
    public FTPClient login() {
        return login(USER, PASSWORD);
    }

    public FTPClient login(String user, String password) {
        FTPClient client = client();
        try {
            if (!client.login(user, password)) {
                throw new IllegalStateException("login failed: " + client.getReplyString());
            }
            client.setFileType(FTP.BINARY_FILE_TYPE);
            client.enterLocalPassiveMode();
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw new IllegalStateException(client.getReplyString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client;
    }

    @Override
    public void close() {
        server.stop();
        users.close();
    }

    /** Options for the server under test. */
    public static final class Builder {
        private final Path tempDir;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private SessionLimits limits = new SessionLimits(50, 50, 3, Duration.ofMillis(10), 4096);
        private Timeouts timeouts = new Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
        private PassiveConfig passive = PassiveConfig.DEFAULT;
        private FxpPolicy fxp = FxpPolicy.NOBODY;
        private boolean anonymous;
        private Optional<String> anonymousUploads = Optional.empty();
        private SymlinkPolicy symlinks = SymlinkPolicy.INSIDE_ROOT;
        private String bindHost = "127.0.0.1";

        private Builder(Path tempDir) {
            this.tempDir = tempDir;
            accounts.put(USER, PASSWORD);
        }

        public Builder user(String name, String password) {
            accounts.put(name, password);
            return this;
        }

        public Builder limits(SessionLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        public Builder passive(PassiveConfig passive) {
            this.passive = passive;
            return this;
        }

        public Builder fxp(FxpPolicy fxp) {
            this.fxp = fxp;
            return this;
        }

        /** Anonymous access on, optionally with an upload drop directory. */
        public Builder anonymous(Optional<String> uploadDir) {
            this.anonymous = true;
            this.anonymousUploads = uploadDir;
            return this;
        }

        public Builder symlinks(SymlinkPolicy symlinks) {
            this.symlinks = symlinks;
            return this;
        }

        /** Listen on another loopback address, e.g. "::1". */
        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        public TestServer start() {
            try {
                DataDirectory data = new DataDirectory(tempDir.resolve("ferry-data"));
                Files.createDirectories(data.homes());
                UserStore users = SqliteUserStore.open(data.userDatabase());
                for (var account : accounts.entrySet()) {
                    users.add(new StoredUser(account.getKey(), PasswordHasher.hash(account.getValue().toCharArray()),
                            Optional.empty(), true, UserLimits.NONE));
                }
                List<AnonymousConfig> anon = anonymous
                        ? List.of(AnonymousConfig.standard(data.anonymousRoot(), anonymousUploads, Messages.NONE))
                        : List.of();
                ServerConfig config = new ServerConfig(data, List.of(new InetSocketAddress(bindHost, 0)), List.of(),
                        "Ferry test server", Messages.NONE, passive, limits, timeouts, fxp, anon, symlinks,
                        LoginRules.DEFAULT, FileRules.FERRY, AccessRules.NONE);
                var chain = new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())));
                return new TestServer(FtpServer.start(FerryConfig.single(config), new AccountResolver(chain), false),
                        users, data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
