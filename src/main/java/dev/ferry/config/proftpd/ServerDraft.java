package dev.ferry.config.proftpd;

import dev.ferry.auth.AccountSource;
import dev.ferry.config.DotFiles;

import dev.ferry.config.AccessRules;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DefaultRoot;
import dev.ferry.config.DirectoryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.LoginRules;
import dev.ferry.config.Messages;
import dev.ferry.config.PassiveConfig;
import dev.ferry.config.PortRange;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.Timeouts;
import dev.ferry.config.TransferHooks;
import dev.ferry.config.TransferRates;
import dev.ferry.config.file.ConfigNode;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.log.transfer.TransferLogFormat;
import dev.ferry.log.transfer.TransferLogSpec;
import dev.ferry.policy.limit.LimitContext;
import dev.ferry.policy.limit.LimitSection;
import dev.ferry.policy.limit.NameExpression;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One server's settings ({@code server config} context or a {@code <VirtualHost>}) as they are read. */
final class ServerDraft {
    final boolean virtualHost;
    final List<InetAddress> addresses = new ArrayList<>();
    final List<String> hostNames = new ArrayList<>();
    int port = 21;
    /** The {@code Port} line read for this server; null while none was. */
    ConfigNode portAt;
    boolean socketBindTight;
    String serverName = "Ferry FTP server";
    Optional<String> ident = Optional.empty();
    boolean hideIdent;
    /** {@code DeferWelcome on}: the greeting names neither product nor server before login. */
    boolean deferWelcome;
    /** {@code MaxInstances}: connections at once to the whole server, 0 = no cap of its own. */
    int maxInstances;
    /** {@code AuthUserFile} and {@code AuthGroupFile} (mod_auth_file). */
    Optional<Path> authUserFile = Optional.empty();
    Optional<Path> authGroupFile = Optional.empty();
    ConfigNode authGroupFileAt;
    /** {@code SystemLog FILE}: the event log's file. */
    Optional<Path> systemLog = Optional.empty();
    Optional<Path> displayConnect = Optional.empty();
    /** {@code TransferRate} in the server context: every login's caps. */
    TransferRates rates = TransferRates.NONE;
    /** {@code TransferRate} in the {@code <Anonymous>} areas: anonymous logins' caps. */
    Optional<TransferRates> anonymousRates = Optional.empty();
    /** {@code SyslogFacility} (main server only): the event log to syslog instead of standard output. */
    Optional<dev.ferry.log.syslog.SyslogTarget> syslog = Optional.empty();
    ConfigNode syslogAt;
    /** {@code TransferLog}: empty for none (no directive, or {@code TransferLog NONE}). */
    Optional<Path> transferLog = Optional.empty();
    Optional<String> displayLogin = Optional.empty();
    Optional<String> accessGrant = Optional.empty();
    Optional<String> displayChdir = Optional.empty();
    Optional<PortRange> passivePorts = Optional.empty();
    Optional<String> masquerade = Optional.empty();
    final Map<String, String> classMasquerade = new LinkedHashMap<>();
    Optional<ClassExclusion> classExclusion = Optional.empty();
    FxpPolicy fxp = FxpPolicy.NOBODY;
    int maxClients = SessionLimits.DEFAULT.maxSessions();
    int maxPerHost = SessionLimits.DEFAULT.maxSessionsPerIp();
    int maxPerUser;
    Optional<String> maxClientsText = Optional.empty();
    Optional<String> maxPerHostText = Optional.empty();
    Optional<String> maxPerUserText = Optional.empty();
    int maxLoginAttempts = SessionLimits.DEFAULT.maxLoginAttempts();
    Duration timeoutIdle = Duration.ofSeconds(600);
    Duration timeoutLogin = Duration.ofSeconds(300);
    Duration timeoutNoTransfer = Duration.ofSeconds(300); // ProFTPD's default
    Duration timeoutStalled = Duration.ofSeconds(3600);
    final List<DefaultRoot> defaultRoots = new ArrayList<>();
    final Map<String, String> userAliases = new LinkedHashMap<>();
    boolean authAliasOnly;
    boolean rootLogin;
    boolean requireValidShell = true;
    boolean useReverseDns;
    Optional<NameExpression> anonymousGroup = Optional.empty();
    final FileDraft files = new FileDraft();
    final ClientCertificateDirectives clientCertificates = new ClientCertificateDirectives();
    final List<LimitSection> limits = new ArrayList<>();
    final List<DirectoryConfig> directories = new ArrayList<>();
    final List<AnonymousDraft> anonymous = new ArrayList<>();
    final TlsDirectives tls = new TlsDirectives(clientCertificates::option);
    final RatioDirectives ratios = new RatioDirectives(false);
    final SqlDirectives sql = new SqlDirectives();
    final LdapDirectives ldap = new LdapDirectives();
    /** {@code AuthOrder}, when given. */
    ConfigNode authOrder;
    /** Where users are looked up, as the loader resolved it from AuthOrder and the modules' directives. */
    List<AccountSource> sources = AccountSource.OWN_USERS_ONLY;

    ServerDraft(boolean virtualHost) {
        this.virtualHost = virtualHost;
    }

    ServerConfig build(DataDirectory data) {
        List<InetSocketAddress> binds = new ArrayList<>();
        if (port != 0) {
            if (addresses.isEmpty()) {
                binds.add(new InetSocketAddress(port)); // every address, as ProFTPD without SocketBindTight
            }
            for (InetAddress a : addresses) {
                binds.add(new InetSocketAddress(a, port));
            }
        }
        Messages messages = new Messages(deferWelcome ? Optional.empty() : ident, hideIdent || deferWelcome,
                displayConnect, displayLogin, accessGrant, displayChdir);
        FileRules fileRules = FileRules.PROFTPD.with(files.overrides());
        LoginRules logins = new LoginRules(defaultRoots, userAliases, authAliasOnly, rootLogin, requireValidShell,
                useReverseDns, anonymousGroup, true, DotFiles.ALLOWED, sources);
        List<AnonymousConfig> areas = new ArrayList<>();
        for (AnonymousDraft a : anonymous) {
            areas.add(a.build(messages, fileRules));
        }
        return clientCertificates.applyTo(new ServerConfig(data, tls.implicit() ? List.of() : binds, hostNames,
                serverName, messages,
                passive(),
                new SessionLimits(maxClients, maxPerHost, maxPerUser, maxLoginAttempts,
                        SessionLimits.DEFAULT.loginFailureDelay(), SessionLimits.DEFAULT.maxLineLength(),
                        new SessionLimits.Refusals(maxClientsText, maxPerHostText, maxPerUserText))
                        .withRates(rates, anonymousRates.orElse(TransferRates.NONE))
                        .withRatios(ratios.build(anonymous.stream().map(a -> a.ratios).toList())),
                new Timeouts(timeoutLogin, timeoutIdle, timeoutStalled, timeoutNoTransfer,
                        Timeouts.DEFAULT.dataConnect(), Timeouts.DEFAULT.shutdownGrace()),
                fxp, areas, SymlinkPolicy.INSIDE_ROOT, logins, fileRules,
                new AccessRules(new LimitContext(limits), directories), tls.config(binds),
                new TransferHooks(transferLog.map(file -> new TransferLogSpec(TransferLogFormat.XFERLOG, file))
                        .stream().toList(), Optional.empty())));
    }

    /**
     * The passive settings, with {@code <IfClass !NAME>} folded in: its address becomes the one
     * for everyone, and NAME's clients get theirs as a class of their own (the loader has made
     * sure they have one).
     */
    private PassiveConfig passive() {
        if (classExclusion.isEmpty()) {
            return new PassiveConfig(passivePorts, masquerade, classMasquerade);
        }
        ClassExclusion e = classExclusion.get();
        Map<String, String> perClass = new LinkedHashMap<>(classMasquerade);
        masquerade.ifPresent(own -> perClass.putIfAbsent(e.className(), own));
        return new PassiveConfig(passivePorts, Optional.of(e.address()), perClass);
    }

    /** {@code <IfClass !className> MasqueradeAddress address </IfClass>}, and where it was written. */
    record ClassExclusion(String className, String address, ConfigNode at) {
    }

    /** An {@code <Anonymous>} context as it is read. */
    static final class AnonymousDraft {
        final Path root;
        String account;
        Optional<String> group = Optional.empty();
        final List<String> aliases = new ArrayList<>();
        boolean authAliasOnly;
        boolean requirePassword;
        Optional<String> displayLogin = Optional.empty();
        Optional<String> accessGrant = Optional.empty();
        Optional<String> displayChdir = Optional.empty();
        int maxClients;
        Optional<String> maxClientsText = Optional.empty();
        /** {@code TransferRate} inside this area. */
        Optional<TransferRates> rates = Optional.empty();
        /** mod_ratio's rules inside this area: they hold its logins only. */
        final RatioDirectives ratios = new RatioDirectives(true);
        final FileDraft files = new FileDraft();
        final List<LimitSection> limits = new ArrayList<>();
        final List<DirectoryConfig> directories = new ArrayList<>();

        AnonymousDraft(Path root) {
            this.root = root;
        }

        AnonymousConfig build(Messages server, FileRules serverFiles) {
            Messages messages = server.withDisplayLogin(displayLogin.or(server::displayLogin))
                    .withAccessGrant(accessGrant.or(server::accessGrant))
                    .withDisplayChdir(displayChdir.or(server::displayChdir));
            return new AnonymousConfig(root, account, group, java.util.Set.copyOf(aliases), authAliasOnly,
                    requirePassword, Optional.empty(), true, messages, serverFiles.with(files.overrides()),
                    new AccessRules(new LimitContext(limits), directories), maxClients, maxClientsText);
        }
    }
}
