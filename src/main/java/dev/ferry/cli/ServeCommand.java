package dev.ferry.cli;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.Authenticator;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VerifiedPasswordCache;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.LoadedConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.server.FtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry serve}: runs the server. With no options it listens on loopback port 2121 with
 * virtual users from the data directory; the first start creates a user and prints its password.
 * Switch names follow Pure-FTPd where Pure-FTPd has one ({@link ServeSwitches}), and
 * {@code --pureconf FILE} reads them from a pure-ftpd.conf ({@link PureFtpdConf}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class, sortOptions = false,
        description = "Run the FTP server (foreground; stop with Ctrl-C or SIGTERM).",
        footer = {"", "Pure-FTPd's other switches are understood too: those about how Pure-FTPd itself runs "
                + "(-B, -d, -f, -g, ...) change nothing and say so; those for features Ferry lacks (-k, -O, -T, "
                + "-Y, ...) are refused. See docs/configuration.md."})
public final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 2121;
    static final String INITIAL_USER = "ferry";
    private static final int LOGIN_CACHE_ENTRIES = 100_000;

    @Mixin
    private DataDirOption dataDir;

    @Mixin
    private ServeSwitches switches;

    @Option(names = "--login-cache", paramLabel = "SECONDS",
            description = "Remember a password that passed the (deliberately slow) argon2id check for this long, "
                    + "so repeated logins by the same user are cheap; 0 = always run the full check "
                    + "(default: ${DEFAULT-VALUE}).")
    private long loginCacheSeconds = 600;

    @Option(names = "--pureconf", paramLabel = "FILE",
            description = "A pure-ftpd.conf file: each setting as the switch it stands for; switches given "
                    + "here win over it (see docs/configuration.md).")
    private Path pureConfFile;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A configuration file in ProFTPD's syntax (see docs/configuration.md); "
                    + "check one with: ferry check-config FILE.")
    private Path configFile;

    @Override
    public Integer call() throws Exception {
        DataDirectory data = dataDir.resolve();
        ServerConfig config;
        try {
            if (pureConfFile != null) {
                if (configFile != null) {
                    throw new IllegalArgumentException("--pureconf and --config cannot be used together");
                }
                PureFtpdConf conf = PureFtpdConf.read(pureConfFile);
                List<String> conflicts = PureFtpdConfOverlay.apply(conf, spec.commandLine());
                conflicts.forEach(c -> System.err.println("ferry serve: " + c));
                conf.notes().forEach(n -> System.err.println("ferry serve: note: " + n));
            }
            ServeSwitches.Built built = switches.build(data);
            built.notes().forEach(n -> System.err.println("ferry serve: note: " + n));
            config = built.server();
        } catch (PureFtpdConfException e) {
            e.errors().forEach(System.err::println);
            System.err.println("ferry serve: " + pureConfFile + " has errors; not started");
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("ferry serve: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(data.root());
        Files.createDirectories(data.homes());
        try (UserStore users = SqliteUserStore.open(data.userDatabase())) {
            List<Authenticator> chain = new ArrayList<>();
            chain.add(new VirtualUserAuthenticator(users, data, loginCacheSeconds > 0
                    ? Optional.of(new VerifiedPasswordCache(Duration.ofSeconds(loginCacheSeconds), LOGIN_CACHE_ENTRIES))
                    : Optional.empty()));
            FerryConfig ferryConfig = FerryConfig.single(config);
            if (configFile != null) {
                try {
                    LoadedConfig loaded = ConfigFiles.load(configFile, data, users);
                    loaded.notices().forEach(n -> System.err.println("ferry serve: note: " + n));
                    ferryConfig = loaded.config();
                } catch (ConfigException e) {
                    System.err.println(e.getMessage());
                    System.err.println("ferry serve: " + configFile + " has errors; not started");
                    return 2;
                }
            }
            FtpServer server;
            try {
                server = FtpServer.start(ferryConfig, new AccountResolver(new AuthenticatorChain(chain)),
                        switches.defaultBinds() && configFile == null);
            } catch (IOException e) {
                System.err.println("ferry serve: " + e.getMessage());
                return 1;
            }
            Optional<String> initialPassword = createInitialUser(users, data, !config.anonymous().isEmpty());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                stopped.countDown();
            }, "ferry-shutdown"));
            printWelcome(server, data, users, initialPassword);
            stopped.await();
        }
        return 0;
    }

    /**
     * A fresh data directory gets one user, so that the embedded default is usable at once. The
     * password is printed once and kept (mode 600) in DATA-DIR/initial-password.
     */
    private Optional<String> createInitialUser(UserStore users, DataDirectory data, boolean anonymous)
            throws IOException {
        if (!users.list().isEmpty() || anonymous) {
            return Optional.empty();
        }
        String password = randomPassword();
        users.add(new StoredUser(INITIAL_USER, PasswordHasher.hash(password.toCharArray()), Optional.empty(), true,
                UserLimits.NONE));
        Path file = data.initialPasswordFile();
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, INITIAL_USER + ":" + password + "\n");
        return Optional.of(password);
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void printWelcome(FtpServer server, DataDirectory data, UserStore users, Optional<String> initialPassword) {
        StringBuilder out = new StringBuilder();
        for (InetSocketAddress a : server.addresses()) {
            String host = a.getAddress().getHostAddress();
            out.append("Ferry listening on ").append(host.contains(":") ? "[" + host + "]" : host)
                    .append(':').append(a.getPort()).append('\n');
        }
        out.append("Data directory: ").append(data.root()).append('\n');
        out.append("Users: ").append(data.userDatabase()).append(" (").append(users.list().size())
                .append(" virtual users; manage with: ferry user add|del|mod|list|passwd --data-dir ")
                .append(data.root()).append(")\n");
        out.append("Home directories: ").append(data.homes()).append("/<user>\n");
        for (AnonymousConfig area : server.config().main().anonymous()) {
            out.append("Anonymous FTP: on, read-only, root ").append(area.root()).append('\n');
        }
        InetSocketAddress first = server.addresses().getFirst();
        String host = first.getAddress().isAnyLocalAddress() ? "127.0.0.1" : first.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        initialPassword.ifPresent(pw -> out.append("Created user '").append(INITIAL_USER).append("' with password ")
                .append(pw).append(" (also saved in ").append(data.initialPasswordFile()).append(")\n"));
        out.append("Connect: ftp://").append(initialPassword.isPresent() ? INITIAL_USER + "@" : "").append(host)
                .append(':').append(first.getPort()).append("/  e.g. lftp -u ")
                .append(initialPassword.isPresent() ? INITIAL_USER : "USER").append(" -p ").append(first.getPort())
                .append(' ').append(host.replace("[", "").replace("]", "")).append('\n');
        System.out.print(out);
        System.out.flush();
    }
}
