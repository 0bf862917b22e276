package dev.ferry.cli;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AccountBackends;
import dev.ferry.auth.LoginShells;
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
import dev.ferry.server.ConfigLoad;
import dev.ferry.server.ConfigSource;
import dev.ferry.server.FtpServer;
import dev.ferry.server.SocketAddressText;
import dev.ferry.server.admin.AdminCommands;
import dev.ferry.server.admin.AdminSocket;
import dev.ferry.server.admin.HangupSignal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry serve}: runs the server. With no options it listens on loopback port 2121 with
 * virtual users from the data directory; the first start creates a user and prints its password.
 * Switch names follow Pure-FTPd where Pure-FTPd has one ({@link ServeSwitches}), and
 * {@code --pureconf FILE} reads them from a pure-ftpd.conf ({@link PureFtpdConf}). SIGHUP and
 * {@code ferry reload} (through the admin socket in the data directory) make the running server
 * read its configuration again ({@link ServeConfigSource}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class, sortOptions = false,
        description = "Run the FTP server (foreground; stop with Ctrl-C or SIGTERM; re-read the configuration "
                + "with SIGHUP or: ferry reload).",
        footer = {"", "Pure-FTPd's other switches are understood too: those about how Pure-FTPd itself runs "
                + "(-B, -d, -g, -j, ...) change nothing and say so; those for features Ferry lacks (-3, -v, "
                + "...) are refused. See docs/configuration.md."})
public final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 2121;
    static final String INITIAL_USER = "ferry";
    private static final int LOGIN_CACHE_ENTRIES = 100_000;
    /**
     * The listen addresses without {@code -S}: one of the two may fail to bind (a host without
     * IPv6 loopback) as long as the other works.
     */
    private static final List<InetSocketAddress> DEFAULT_BINDS = List.of(
            new InetSocketAddress("127.0.0.1", DEFAULT_PORT), new InetSocketAddress("::1", DEFAULT_PORT));
    /** What the configuration file says instead of each switch that has a counterpart there. */
    private static final Map<String, String> DIRECTIVES = Map.ofEntries(
            Map.entry("--bind", "Port, DefaultAddress"),
            Map.entry("--passiveportrange", "PassivePorts"),
            Map.entry("--forcepassiveip", "MasqueradeAddress"),
            Map.entry("--maxclientsnumber", "MaxClients"),
            Map.entry("--maxclientsperip", "MaxClientsPerHost"),
            Map.entry("--maxidletime", "TimeoutIdle"),
            Map.entry("--login-timeout", "TimeoutLogin"),
            Map.entry("--stalled-timeout", "TimeoutStalled"),
            Map.entry("--max-login-attempts", "MaxLoginAttempts"),
            Map.entry("--chrooteveryone", "DefaultRoot ~"),
            Map.entry("--trustedgid", "DefaultRoot / GROUP"),
            Map.entry("--dontresolve", "UseReverseDNS off"),
            Map.entry("--anonymous", "<Anonymous>"),
            Map.entry("--anonymous-root", "<Anonymous DIR>"),
            Map.entry("--allowuserfxp", "AllowForeignAddress"),
            Map.entry("--allowanonymousfxp", "AllowForeignAddress"),
            Map.entry("--server-name", "ServerName"),
            Map.entry("--altlog", "TransferLog"),
            Map.entry("--login", "AuthOrder, with mod_sql's SQL* or mod_ldap's LDAP* directives"),
            Map.entry("--userbandwidth", "TransferRate"),
            Map.entry("--anonymousbandwidth", "TransferRate in <Anonymous>"),
            Map.entry("--anonymousratio", "Ratios on, AnonRatio"),
            Map.entry("--syslogfacility", "SyslogFacility"),
            Map.entry("--norename", "<Limit RNFR RNTO> DenyAll"),
            Map.entry("--keepallfiles", "<Limit DELE> DenyAll"),
            Map.entry("--nochmod", "<Limit SITE_CHMOD> DenyAll"),
            Map.entry("--displaydotfiles", "ListOptions -a"),
            Map.entry("--limitrecursion", "ListOptions \"\" maxfiles FILES maxdepth DEPTH"),
            Map.entry("--userratio", "Ratios on, UserRatio *"));

    @Mixin
    private DataDirOption dataDir;

    /** Parsed for the help and to know which switches were given; {@link ServeConfigSource} builds the server. */
    @Mixin(name = ServeConfigSource.SWITCHES)
    private ServeSwitches switches;

    @Option(names = "--login-cache", paramLabel = "SECONDS",
            description = "Remember a password that passed the (deliberately slow) argon2id check for this long, "
                    + "so repeated logins by the same user are cheap; 0 = always run the full check "
                    + "(default: ${DEFAULT-VALUE}).")
    private long loginCacheSeconds = 600;

    @Option(names = "--pureconf", paramLabel = "FILE",
            description = "A pure-ftpd.conf file, or Debian's /etc/pure-ftpd directory (conf/ and auth/): each "
                    + "setting as the switch it stands for; switches given here win over it (see docs/configuration.md).")
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
        if (pureConfFile != null && configFile != null) {
            System.err.println("ferry serve: --pureconf and --config cannot be used together");
            return 2;
        }
        Optional<Path> uploadScript = Optional.empty();
        if (configFile != null) {
            List<String> conflicts = switchesBesideConfigFile();
            if (!conflicts.isEmpty()) {
                conflicts.forEach(c -> System.err.println("ferry serve: " + c));
                return 2;
            }
            try {
                uploadScript = switches.uploadScript();
            } catch (IllegalArgumentException e) {
                System.err.println("ferry serve: " + e.getMessage());
                return 2;
            }
        }
        ConfigSource source = null;
        ConfigLoad first = null;
        if (configFile == null) {
            // checked before anything is created, so that a mistake leaves no data directory behind
            source = ServeConfigSource.ofSwitches(ServeConfigSource.givenSwitches(spec.commandLine()),
                    Optional.ofNullable(pureConfFile), data);
            first = source.load();
            if (!(first instanceof ConfigLoad.Loaded)) {
                report(first);
                return 2;
            }
        }
        Files.createDirectories(data.root());
        Files.createDirectories(data.homes());
        try (UserStore users = SqliteUserStore.open(data.userDatabase())) {
            Optional<VerifiedPasswordCache> loginCache = loginCacheSeconds > 0
                    ? Optional.of(new VerifiedPasswordCache(Duration.ofSeconds(loginCacheSeconds), LOGIN_CACHE_ENTRIES))
                    : Optional.empty();
            AccountBackends backends = new AccountBackends(new VirtualUserAuthenticator(users, data, loginCache),
                    loginCache);
            if (configFile != null) {
                source = ServeConfigSource.ofFile(configFile, data, users, uploadScript);
                first = source.load();
            }
            report(first);
            if (!(first instanceof ConfigLoad.Loaded(FerryConfig ferryConfig, var _))) {
                return 2;
            }
            FtpServer server;
            try {
                server = FtpServer.start(ferryConfig, source, new AccountResolver(backends, LoginShells.system()),
                        configFile == null && ferryConfig.main().binds().equals(DEFAULT_BINDS));
            } catch (IOException e) {
                System.err.println("ferry serve: " + e.getMessage());
                return 1;
            }
            AdminSocket admin;
            try {
                admin = AdminSocket.open(AdminSocket.pathIn(data), AdminCommands.of(server));
            } catch (IOException e) {
                server.stop();
                System.err.println("ferry serve: " + e.getMessage());
                return 1;
            }
            HangupSignal.install(server::reload);
            Optional<String> initialPassword = createInitialUser(users, data,
                    configFile == null && !ferryConfig.main().anonymous().isEmpty());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                admin.close();
                server.stop();
                stopped.countDown();
            }, "ferry-shutdown"));
            printWelcome(server, data, users, initialPassword);
            stopped.await();
        }
        return 0;
    }

    /**
     * Prints what a configuration load has to say: its notes, then, if it failed, its errors
     * (a file's errors as the file's lines, followed by one line naming the file).
     */
    private static void report(ConfigLoad load) {
        load.notes().forEach(n -> System.err.println("ferry serve: " + n));
        if (load instanceof ConfigLoad.Failed failed) {
            if (failed.file().isPresent()) {
                failed.errors().forEach(System.err::println);
                System.err.println("ferry serve: " + failed.file().get() + " has errors; not started");
            } else {
                failed.errors().forEach(e -> System.err.println("ferry serve: " + e));
            }
        }
    }

    /**
     * With {@code --config}, the file describes every server, so a switch that shapes the server
     * would be ignored: each one given is an error naming the directive to use instead.
     */
    private List<String> switchesBesideConfigFile() {
        List<String> errors = new ArrayList<>();
        for (OptionSpec option : ServeConfigSource.switchOptions(spec.commandLine())) {
            if (ServeSwitches.BESIDE_CONFIG_FILE.contains(option.longestName())) {
                continue;
            }
            String name = option.shortestName().equals(option.longestName()) ? option.longestName()
                    : option.shortestName() + " (" + option.longestName() + ")";
            String directive = DIRECTIVES.get(option.longestName());
            errors.add(name + " cannot be combined with --config; " + (directive == null
                    ? "the configuration file has no equivalent" : "set it in the file (" + directive + ")"));
        }
        return errors;
    }

    /**
     * A fresh data directory gets one user, so that the embedded default is usable at once. The
     * password is printed once and kept (mode 600) in DATA-DIR/initial-password.
     */
    private static String describe(dev.ferry.config.TlsLevel level) {
        return switch (level) {
            case OFF -> "off";
            case OPTIONAL -> "offered (AUTH TLS), not required";
            case CONTROL -> "required before login";
            case CONTROL_AND_DATA -> "required for logins and data connections";
        };
    }

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
            out.append("Ferry listening on ").append(SocketAddressText.of(a)).append('\n');
        }
        for (InetSocketAddress a : server.implicitTlsAddresses()) {
            out.append("Ferry listening for implicit FTPS on ").append(SocketAddressText.of(a)).append('\n');
        }
        var tls = server.config().main().tls();
        server.certificate().ifPresentOrElse(certificate -> out.append("FTPS: ")
                        .append(describe(tls.policy().level())).append("; certificate ")
                        .append(tls.certificate().map(c -> c.describe()).orElse("?")).append('\n')
                        .append("Certificate SHA-256 fingerprint: ").append(certificate.fingerprint()).append('\n'),
                () -> out.append("FTPS: off\n"));
        out.append("Data directory: ").append(data.root()).append('\n');
        out.append("Users: ").append(data.userDatabase()).append(" (").append(users.list().size())
                .append(" virtual users; manage with: ferry user add|del|mod|list|passwd --data-dir ")
                .append(data.root()).append(")\n");
        out.append("Home directories: ").append(data.homes()).append("/<user>\n");
        var logs = server.config().transferLogs();
        if (!logs.isEmpty()) {
            out.append("Transfer logs: ").append(String.join(", ", logs.stream()
                    .map(l -> l.format().label() + " " + l.file()).toList())).append('\n');
        }
        out.append("Reload the configuration: ferry reload --data-dir ").append(data.root()).append(" (or kill -HUP ")
                .append(ProcessHandle.current().pid()).append(")\n");
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
