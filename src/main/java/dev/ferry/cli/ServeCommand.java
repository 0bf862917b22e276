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
import dev.ferry.config.AccessRules;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FileRules;
import dev.ferry.config.LoginRules;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.Messages;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.PassiveConfig;
import dev.ferry.config.PortRange;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.Timeouts;
import dev.ferry.fs.FsException;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.fs.VirtualPath;
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
import picocli.CommandLine.Option;

/**
 * {@code ferry serve}: runs the server. With no options it listens on loopback port 2121 with
 * virtual users from the data directory; the first start creates a user and prints its password.
 * Switch names follow Pure-FTPd where Pure-FTPd has one.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class, sortOptions = false,
        description = "Run the FTP server (foreground; stop with Ctrl-C or SIGTERM).")
public final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 2121;
    static final String INITIAL_USER = "ferry";
    private static final int LOGIN_CACHE_ENTRIES = 100_000;

    @Mixin
    private DataDirOption dataDir;

    @Option(names = {"-S", "--bind"}, paramLabel = "HOST,PORT",
            description = "Listen address; repeat for several. ',21' = all interfaces, port 21. "
                    + "Default: 127.0.0.1,2121 and ::1,2121.")
    private List<String> binds = new ArrayList<>();

    @Option(names = {"-p", "--passiveportrange"}, paramLabel = "LOW:HIGH",
            description = "Ports for passive data connections (default: any free port).")
    private String passivePorts;

    @Option(names = {"-P", "--forcepassiveip"}, paramLabel = "HOST",
            description = "Address (IP or host name) advertised in PASV replies, e.g. the public address behind NAT.")
    private String masquerade;

    @Option(names = {"-c", "--maxclientsnumber"}, paramLabel = "N",
            description = "Maximum sessions at once (default: ${DEFAULT-VALUE}; 0 = unlimited).")
    private int maxClients = SessionLimits.DEFAULT.maxSessions();

    @Option(names = {"-C", "--maxclientsperip"}, paramLabel = "N",
            description = "Maximum sessions from one address (default: ${DEFAULT-VALUE}; 0 = unlimited).")
    private int maxPerIp = SessionLimits.DEFAULT.maxSessionsPerIp();

    @Option(names = {"-I", "--maxidletime"}, paramLabel = "MINUTES",
            description = "Idle timeout in minutes (default: ${DEFAULT-VALUE}; 0 = none).")
    private long idleMinutes = Timeouts.DEFAULT.idle().toMinutes();

    @Option(names = "--login-timeout", paramLabel = "SECONDS",
            description = "Time allowed from connect to login (default: ${DEFAULT-VALUE}).")
    private long loginTimeout = Timeouts.DEFAULT.login().toSeconds();

    @Option(names = "--stalled-timeout", paramLabel = "SECONDS",
            description = "Abort a transfer that moves no data for this long (default: ${DEFAULT-VALUE}).")
    private long stalledTimeout = Timeouts.DEFAULT.stalled().toSeconds();

    @Option(names = "--data-timeout", paramLabel = "SECONDS",
            description = "Wait this long for a data connection to open (default: ${DEFAULT-VALUE}).")
    private long dataTimeout = Timeouts.DEFAULT.dataConnect().toSeconds();

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            description = "On stop, let running transfers finish for this long (default: ${DEFAULT-VALUE}).")
    private long shutdownGrace = Timeouts.DEFAULT.shutdownGrace().toSeconds();

    @Option(names = "--max-login-attempts", paramLabel = "N",
            description = "Failed logins before the connection is closed (default: ${DEFAULT-VALUE}).")
    private int maxLoginAttempts = SessionLimits.DEFAULT.maxLoginAttempts();

    @Option(names = "--login-failure-delay", paramLabel = "MILLIS",
            description = "Delay before answering a failed login (default: ${DEFAULT-VALUE}).")
    private long loginFailureDelayMillis = SessionLimits.DEFAULT.loginFailureDelay().toMillis();

    @Option(names = "--login-cache", paramLabel = "SECONDS",
            description = "Remember a password that passed the (deliberately slow) argon2id check for this long, "
                    + "so repeated logins by the same user are cheap; 0 = always run the full check "
                    + "(default: ${DEFAULT-VALUE}).")
    private long loginCacheSeconds = 600;

    @Option(names = "--anonymous", description = "Allow anonymous logins (users 'anonymous' and 'ftp'), read-only.")
    private boolean anonymous;

    @Option(names = "--anonymous-root", paramLabel = "DIR",
            description = "The anonymous area (default: DATA-DIR/anonymous).")
    private Path anonymousRoot;

    @Option(names = "--anonymous-upload-dir", paramLabel = "NAME",
            description = "A directory inside the anonymous area where anonymous users may upload new files, "
                    + "which cannot then be downloaded (anti-warez drop box).")
    private String anonymousUploadDir;

    @Option(names = {"-w", "--allowuserfxp"},
            description = "Let logged-in users use FXP (data connections to/from other hosts).")
    private boolean userFxp;

    @Option(names = {"-W", "--allowanonymousfxp"}, description = "Let everybody, anonymous too, use FXP.")
    private boolean anonymousFxp;

    @Option(names = "--follow-symlinks-anywhere",
            description = "Follow symbolic links even when they lead outside the user's root (virtual chroot off).")
    private boolean symlinksAnywhere;

    @Option(names = "--server-name", paramLabel = "TEXT", description = "Name shown in the banner.")
    private String serverName = "Ferry FTP server";

    @Override
    public Integer call() throws Exception {
        DataDirectory data = dataDir.resolve();
        ServerConfig config;
        try {
            config = buildConfig(data);
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
            FtpServer server;
            try {
                server = FtpServer.start(FerryConfig.single(config), new AccountResolver(new AuthenticatorChain(chain)),
                        binds.isEmpty());
            } catch (IOException e) {
                System.err.println("ferry serve: " + e.getMessage());
                return 1;
            }
            Optional<String> initialPassword = createInitialUser(users, data);
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

    private ServerConfig buildConfig(DataDirectory data) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (binds.isEmpty()) {
            addresses.add(new InetSocketAddress("127.0.0.1", DEFAULT_PORT));
            addresses.add(new InetSocketAddress("::1", DEFAULT_PORT));
        } else {
            for (String b : binds) {
                addresses.add(BindAddress.parse(b, DEFAULT_PORT));
            }
        }
        PassiveConfig passive = new PassiveConfig(
                Optional.ofNullable(passivePorts).map(PortRange::parse), Optional.ofNullable(masquerade));
        requireNonNegative(maxClients, "--maxclientsnumber");
        requireNonNegative(maxPerIp, "--maxclientsperip");
        SessionLimits limits = new SessionLimits(maxClients, maxPerIp, 0, Math.max(1, maxLoginAttempts),
                Duration.ofMillis(requireNonNegative(loginFailureDelayMillis, "--login-failure-delay")),
                SessionLimits.DEFAULT.maxLineLength());
        Timeouts timeouts = new Timeouts(
                Duration.ofSeconds(requireNonNegative(loginTimeout, "--login-timeout")),
                Duration.ofMinutes(requireNonNegative(idleMinutes, "--maxidletime")),
                Duration.ofSeconds(requireNonNegative(stalledTimeout, "--stalled-timeout")), Duration.ZERO,
                Duration.ofSeconds(Math.max(1, dataTimeout)),
                Duration.ofSeconds(requireNonNegative(shutdownGrace, "--shutdown-grace")));
        FxpPolicy fxp = anonymousFxp ? FxpPolicy.EVERYONE : userFxp ? FxpPolicy.AUTHENTICATED : FxpPolicy.NOBODY;
        Path anonRoot = (anonymousRoot != null ? anonymousRoot : data.anonymousRoot()).toAbsolutePath().normalize();
        List<AnonymousConfig> anon = anonymous ? List.of(AnonymousConfig.standard(anonRoot,
                Optional.ofNullable(anonymousUploadDir).map(ServeCommand::uploadDirectory), Messages.NONE)) : List.of();
        return new ServerConfig(data, addresses, List.of(), serverName, Messages.NONE, passive, limits, timeouts, fxp,
                anon, symlinksAnywhere ? SymlinkPolicy.ANYWHERE : SymlinkPolicy.INSIDE_ROOT, LoginRules.DEFAULT,
                FileRules.FERRY, AccessRules.NONE);
    }

    /**
     * The drop directory as a path relative to the anonymous root, whatever form it was given in
     * ("incoming", "/incoming", "pub/incoming/"); it is the path anonymous clients see.
     */
    private static String uploadDirectory(String given) {
        String normalised;
        try {
            normalised = VirtualPath.ROOT.resolve(given).toString().substring(1);
        } catch (FsException.InvalidName e) {
            throw new IllegalArgumentException("--anonymous-upload-dir: " + e.getMessage());
        }
        if (normalised.isEmpty() || given.contains("..")) {
            throw new IllegalArgumentException("--anonymous-upload-dir must name a directory inside the anonymous area, "
                    + "e.g. 'incoming'");
        }
        return normalised;
    }

    private static long requireNonNegative(long value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
        return value;
    }

    /**
     * A fresh data directory gets one user, so that the embedded default is usable at once. The
     * password is printed once and kept (mode 600) in DATA-DIR/initial-password.
     */
    private Optional<String> createInitialUser(UserStore users, DataDirectory data) throws IOException {
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
