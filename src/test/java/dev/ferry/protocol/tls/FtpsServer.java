package dev.ferry.protocol.tls;

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
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.LoginRules;
import dev.ferry.config.Messages;
import dev.ferry.config.PassiveConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.Timeouts;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsPolicy;
import dev.ferry.config.TlsRequirement;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.server.FtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real Ferry server with FTPS on 127.0.0.1 (ephemeral ports, a self-signed certificate in its
 * temporary data directory, user alice), for the FTPS tests. Close it to stop the server.
 */
final class FtpsServer implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "alice-secret";

    private final FtpServer server;
    private final UserStore users;
    private final DataDirectory data;

    private FtpsServer(FtpServer server, UserStore users, DataDirectory data) {
        this.server = server;
        this.users = users;
        this.data = data;
    }

    static Builder builder(Path tempDir) {
        return new Builder(tempDir);
    }

    /** The plain (explicit FTPS) port. */
    int port() {
        return server.addresses().getFirst().getPort();
    }

    int implicitPort() {
        return server.implicitTlsAddresses().getFirst().getPort();
    }

    FtpServer server() {
        return server;
    }

    Path home() {
        return home(USER);
    }

    Path home(String user) {
        Path home = data.defaultHome(user);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    @Override
    public void close() {
        server.stop();
        users.close();
    }

    static final class Builder {
        private final Path tempDir;
        private TlsLevel level = TlsLevel.OPTIONAL;
        private boolean anonymousExempt;
        private boolean reuseRequired = true;
        private boolean implicit;
        private boolean anonymous;
        private List<String> protocols = TlsConfig.SUPPORTED_PROTOCOLS;
        private TlsCertificate certificate;
        private final List<TlsRequirement> accounts = new ArrayList<>();
        private UserLimits bobLimits = UserLimits.NONE;

        private Builder(Path tempDir) {
            this.tempDir = tempDir;
        }

        Builder level(TlsLevel level) {
            this.level = level;
            return this;
        }

        Builder anonymousExempt() {
            this.anonymousExempt = true;
            return this;
        }

        Builder noSessionReuseRequired() {
            this.reuseRequired = false;
            return this;
        }

        Builder implicit() {
            this.implicit = true;
            return this;
        }

        /** A level for some accounts; the server also has bob (no group) and carol (group staff). */
        Builder require(TlsRequirement requirement) {
            accounts.add(requirement);
            return this;
        }

        Builder anonymous() {
            this.anonymous = true;
            return this;
        }

        /** Instead of a self-signed certificate in this server's data directory. */
        Builder certificate(TlsCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /** bob's own upload and download rate, as `ferry user add --upload-rate/--download-rate` stores it. */
        Builder bobRate(long bytesPerSecond) {
            this.bobLimits = new UserLimits(0, bytesPerSecond, bytesPerSecond, 0, 0);
            return this;
        }

        Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        FtpsServer start() {
            try {
                return startOrFail();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** As {@link #start}, with the start failure as it is. */
        FtpsServer startOrFail() throws IOException {
            DataDirectory data = new DataDirectory(tempDir.resolve("ferry-data"));
            Files.createDirectories(data.homes());
            UserStore users = SqliteUserStore.open(data.userDatabase());
            users.add(new StoredUser(USER, PasswordHasher.hash(PASSWORD.toCharArray()), Optional.empty(), true,
                    UserLimits.NONE));
            users.add(new StoredUser("bob", PasswordHasher.hash("bob-secret".toCharArray()), Optional.empty(), true,
                    bobLimits));
            users.add(new StoredUser("carol", PasswordHasher.hash("carol-secret".toCharArray()), Optional.empty(), true,
                    UserLimits.NONE, Set.of("staff")));
            TlsConfig tls = level == TlsLevel.OFF ? TlsConfig.OFF : new TlsConfig(
                    new TlsPolicy(level, anonymousExempt, reuseRequired, accounts),
                    Optional.of(certificate != null ? certificate
                            : new TlsCertificate.SelfSigned(data.root().resolve("tls"))), protocols,
                    implicit ? List.of(new InetSocketAddress("127.0.0.1", 0)) : List.of());
            ServerConfig config = new ServerConfig(data, List.of(new InetSocketAddress("127.0.0.1", 0)), List.of(),
                    "Ferry FTPS test server", Messages.NONE, PassiveConfig.DEFAULT,
                    new SessionLimits(50, 50, 3, Duration.ofMillis(10), 4096),
                    new Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                            Duration.ofSeconds(10), Duration.ofSeconds(2)),
                    FxpPolicy.NOBODY,
                    anonymous ? List.of(AnonymousConfig.standard(data.anonymousRoot(), Optional.empty(),
                            Messages.NONE)) : List.of(),
                    SymlinkPolicy.INSIDE_ROOT, LoginRules.DEFAULT, FileRules.FERRY, AccessRules.NONE, tls);
            var chain = new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())));
            try {
                return new FtpsServer(FtpServer.start(FerryConfig.single(config), new AccountResolver(chain),
                        false), users, data);
            } catch (IOException e) {
                users.close();
                throw e;
            }
        }
    }
}
