package dev.ferry.cli;

import dev.ferry.config.AccessRules;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DefaultRoot;
import dev.ferry.config.DotFiles;
import dev.ferry.config.ListOptions;
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
import dev.ferry.log.syslog.SyslogFacility;
import dev.ferry.log.syslog.SyslogTarget;
import dev.ferry.policy.limit.AccessRule;
import dev.ferry.policy.limit.LimitContext;
import dev.ferry.policy.limit.LimitSection;
import dev.ferry.policy.ratio.Ratio;
import dev.ferry.policy.ratio.RatioRule;
import dev.ferry.policy.ratio.RatioRules;
import dev.ferry.policy.ratio.RatioTarget;
import dev.ferry.policy.ratio.RatioTexts;
import dev.ferry.config.CipherSuiteList;
import dev.ferry.config.ClientCertificates;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsPolicy;
import dev.ferry.config.TlsRequirement;
import dev.ferry.fs.FsException;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.fs.VirtualPath;
import dev.ferry.log.transfer.TransferLogSpec;
import dev.ferry.policy.limit.NameExpression;
import dev.ferry.policy.quota.Quota;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The switches of {@code ferry serve} that describe the server (a picocli mixin), and how they
 * become its {@link ServerConfig}. Where Pure-FTPd has a switch for the same thing, Ferry spells
 * it as pure-ftpd(8) does, short and long; Pure-FTPd's switches for what Ferry does not do are
 * in {@link OtherPureFtpdSwitches}.
 */
public final class ServeSwitches {

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

    @Option(names = {"-y", "--peruserlimits"}, paramLabel = "USERS:ANONYMOUS",
            description = "Sessions at once per user, and anonymous sessions at once (0 = unlimited).")
    private String perUserLimits;

    @Option(names = {"-k", "--maxdiskusagepct"}, paramLabel = "PERCENT",
            description = "Refuse uploads while the file system is more than PERCENT full (1-99; default: none).")
    private int maxDiskUsage;

    @Option(names = {"-n", "--quota"}, paramLabel = "FILES:MB",
            description = "Every user's quota where they have none of their own: at most FILES files and MB "
                    + "megabytes in their home (0: no limit on that; anonymous logins have none).")
    private String quota;

    @Option(names = {"-t", "--anonymousbandwidth"}, paramLabel = "KBPS",
            description = "Anonymous logins' bandwidth per transfer in KB/s: RATE, or UPLOAD:DOWNLOAD with either "
                    + "side empty for no cap (default: as -T).")
    private String anonymousBandwidth;

    @Option(names = {"-T", "--userbandwidth"}, paramLabel = "KBPS",
            description = "Every login's bandwidth per transfer in KB/s, as -t, where the user has no rate of "
                    + "their own (ferry user --upload-rate/--download-rate).")
    private String userBandwidth;

    @Option(names = {"-f", "--syslogfacility"}, paramLabel = "FACILITY",
            description = "Send the event log to the local syslog daemon (/dev/log) under FACILITY (ftp, daemon, "
                    + "local0, ...) instead of standard output; none: standard output (the default).")
    private String syslogFacility;

    @Option(names = {"-q", "--anonymousratio"}, paramLabel = "UPLOAD:DOWNLOAD",
            description = "Anonymous logins' upload/download ratio in bytes, e.g. 1:5: each byte uploaded in the "
                    + "session allows 5 downloaded; a download beyond that gets 550 (default: as -Q).")
    private String anonymousRatio;

    @Option(names = {"-Q", "--userratio"}, paramLabel = "UPLOAD:DOWNLOAD",
            description = "Every login's upload/download ratio, as -q, where the user has none of their own "
                    + "(ferry user --ratio); members of the -a group are exempt.")
    private String userRatio;

    @Option(names = "--upload-script", paramLabel = "PROGRAM",
            description = "Run PROGRAM with the file's path for each file uploaded in full, one run at a time, "
                    + "with pure-uploadscript's UPLOAD_* variables.")
    private Path uploadScript;

    @Option(names = {"-o", "--uploadscript"},
            description = "Pure-FTPd's switch for pure-uploadscript: here it needs --upload-script, which "
                    + "Ferry runs itself.")
    private boolean callUploadScript;

    @Option(names = {"-O", "--altlog"}, paramLabel = "FORMAT:FILE",
            description = "Log every file uploaded, downloaded or deleted to FILE, in FORMAT: xferlog, clf, stats, "
                    + "w3c or json. Repeat for several logs. 'ferry reload' opens them again after a rotation.")
    private List<String> altLogs = new ArrayList<>();

    @Option(names = {"-l", "--login"}, paramLabel = "METHOD[:FILE]",
            description = "Where users are looked up, in the order given (repeat for several): puredb (Ferry's own "
                    + "users, the default), mysql:FILE, pgsql:FILE or ldap:FILE (Pure-FTPd's configuration files for them); "
                    + "unix and pam stand for Ferry's own users.")
    private List<String> loginMethods = new ArrayList<>();

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

    @Option(names = {"-G", "--norename"},
            description = "Nobody may rename files or directories: RNFR and RNTO get 550.")
    private boolean noRename;

    @Option(names = {"-K", "--keepallfiles"},
            description = "Users may upload and resume, but not delete files: DELE gets 550 (members of the -a "
                    + "group may delete).")
    private boolean keepAllFiles;

    @Option(names = {"-R", "--nochmod"},
            description = "Nobody may change permission bits: SITE CHMOD gets 550.")
    private boolean noChmod;

    @Option(names = {"-A", "--chrooteveryone"},
            description = "Jail every user in their home. Ferry always does so for its virtual users (unless -a).")
    private boolean chrootEveryone;

    @Option(names = {"-a", "--trustedgid"}, paramLabel = "GROUP",
            description = "Members of GROUP are not jailed: their root is the host's /. Takes a group name "
                    + "(Ferry's users have named groups, not numeric ids). Not with -A.")
    private String trustedGroup;

    @Option(names = "--anonymous", description = "Allow anonymous logins (users 'anonymous' and 'ftp'), read-only.")
    private boolean anonymous;

    @Option(names = {"-e", "--anonymousonly"},
            description = "Only anonymous logins: implies --anonymous, and refuses every other user.")
    private boolean anonymousOnly;

    @Option(names = {"-E", "--noanonymous"}, description = "No anonymous logins, even with --anonymous.")
    private boolean noAnonymous;

    @Option(names = "--anonymous-root", paramLabel = "DIR",
            description = "The anonymous area (default: DATA-DIR/anonymous).")
    private Path anonymousRoot;

    @Option(names = "--anonymous-upload-dir", paramLabel = "NAME",
            description = "A directory inside the anonymous area where anonymous users may upload new files, "
                    + "which cannot then be downloaded (anti-warez drop box).")
    private String anonymousUploadDir;

    @Option(names = {"-i", "--anonymouscantupload"},
            description = "Anonymous users cannot upload at all: no drop box, even with --anonymous-upload-dir.")
    private boolean anonymousCantUpload;

    @Option(names = {"-s", "--antiwarez"},
            description = "Anonymous uploads cannot be downloaded until an administrator moderates them. "
                    + "Always so in Ferry: that is what the --anonymous-upload-dir drop box does; "
                    + "without one, anonymous users cannot upload.")
    private boolean antiWarez;

    @Option(names = {"-w", "--allowuserfxp"},
            description = "Let logged-in users use FXP (data connections to/from other hosts).")
    private boolean userFxp;

    @Option(names = {"-W", "--allowanonymousfxp"}, description = "Let everybody, anonymous too, use FXP.")
    private boolean anonymousFxp;

    @Option(names = {"-H", "--dontresolve"},
            description = "Do not resolve client addresses to host names. Ferry never does from the command line.")
    private boolean dontResolve;

    @Option(names = {"-x", "--prohibitdotfileswrite"},
            description = "Users may list and download dot-files but not create, change, rename or delete them.")
    private boolean noDotFileWrites;

    @Option(names = {"-X", "--prohibitdotfilesread"},
            description = "As -x, and users may not download dot-files nor enter dot-directories either.")
    private boolean noDotFileAccess;

    @Option(names = {"-D", "--displaydotfiles"},
            description = "List dot-files even when the client does not ask with -a (anonymous users still never see them).")
    private boolean displayDotFiles;

    @Option(names = {"-L", "--limitrecursion"}, paramLabel = "FILES:DEPTH",
            description = "At most FILES entries per listing and -R at most DEPTH directories deep "
                    + "(default 500000:5).")
    private String limitRecursion;

    @Option(names = {"-m", "--maxload"}, paramLabel = "LOAD",
            description = "Refuse anonymous downloads (450) while the one-minute load average is above LOAD.")
    private String maxLoad;

    @Option(names = {"-F", "--fortunesfile"}, paramLabel = "FILE",
            description = "Greet each client with a random cookie of this fortune(6) text file ('%' lines between cookies).")
    private Path fortunesFile;

    @Option(names = {"-z", "--allowdotfiles"},
            description = "Let anonymous users list and download dot-files (they still cannot create or change them).")
    private boolean allowDotFiles;

    @Option(names = {"-r", "--autorename"},
            description = "Never overwrite: a STOR onto an existing file saves it as NAME.1, NAME.2, ...")
    private boolean autoRename;

    @Option(names = {"-M", "--anonymouscancreatedirs"},
            description = "Anonymous users may create directories in the drop directory (--anonymous-upload-dir) and "
                    + "upload into them.")
    private boolean anonymousMakesDirectories;

    @Option(names = {"-N", "--natmode"},
            description = "NAT mode: refuse PASV and EPSV (502), so that clients use active mode (PORT, EPRT).")
    private boolean natMode;

    @Option(names = {"-4", "--ipv4only"}, description = "Listen for IPv4 connections only.")
    private boolean ipv4Only;

    @Option(names = {"-6", "--ipv6only"}, description = "Listen for IPv6 connections only (name the IPv6 addresses with -S).")
    private boolean ipv6Only;

    @Option(names = "--trustedip", paramLabel = "ADDRESS",
            description = "Real users may log in only on connections to this local address; others only anonymous. "
                    + "(Pure-FTPd's -V; here -V is --version.)")
    private String trustedIp;

    @Option(names = {"-Z", "--customerproof"},
            description = "SITE CHMOD never takes away the owner's read and write bits (and search on directories).")
    private boolean customerProof;

    @Option(names = {"-U", "--umask"}, paramLabel = "FILES:DIRS",
            description = "Octal umasks for new files and directories, e.g. 133:022 or 177:077 "
                    + "(default: 022, files 0644, directories 0755).")
    private String umask;

    @Option(names = {"-0", "--notruncate"},
            description = "Uploads go to a temporary name and replace the old file only once complete.")
    private boolean noTruncate;

    @Option(names = "--follow-symlinks-anywhere",
            description = "Follow symbolic links even when they lead outside the user's root (virtual chroot off).")
    private boolean symlinksAnywhere;

    @Option(names = "--server-name", paramLabel = "TEXT", description = "Name shown in the banner.")
    private String serverName = "Ferry FTP server";

    @Option(names = {"-Y", "--tls"}, paramLabel = "0|1|2|3",
            description = "FTPS: 0 = off, 1 = offered (default), 2 = required before login, "
                    + "3 = required for logins and data connections.")
    private String tlsLevel = "1";

    @Option(names = {"-2", "--certfile"}, paramLabel = "CERTFILE[,KEYFILE]",
            description = "PEM certificate (chain) and key; one file may hold both. "
                    + "Default: a self-signed certificate made once in DATA-DIR/tls.")
    private String certFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (as -2, with --tls-key).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for --tls-cert.")
    private Path tlsKey;

    @Option(names = "--tls-pkcs12", paramLabel = "FILE", description = "PKCS#12 key store with the key and chain.")
    private Path tlsPkcs12;

    @Option(names = "--tls-pkcs12-password-file", paramLabel = "FILE",
            description = "File whose first line is the --tls-pkcs12 password (default: no password).")
    private Path tlsPkcs12PasswordFile;

    @Option(names = "--tls-protocols", paramLabel = "LIST", split = ",",
            description = "TLS versions to offer (default: TLSv1.2,TLSv1.3).")
    private List<String> tlsProtocols = new ArrayList<>();

    @Option(names = {"-J", "--tlsciphersuite"}, paramLabel = "CIPHERS",
            description = "TLS 1.2 cipher suites, as an OpenSSL cipher list (e.g. HIGH:!aNULL:!MD5) or IANA names "
                    + "(default: the JDK's).")
    private String tlsCipherSuite;

    @Option(names = "--implicit-tls-bind", paramLabel = "HOST,PORT",
            description = "Also listen here for implicit FTPS (TLS from the first byte, as on port 990); "
                    + "repeat for several; forms as -S.")
    private List<String> implicitTlsBinds = new ArrayList<>();

    @Option(names = "--tls-anonymous-exempt",
            description = "Anonymous users may log in and transfer without TLS under -Y 2 and 3.")
    private boolean tlsAnonymousExempt;

    @Option(names = "--tls-required-users", paramLabel = "NAMES",
            description = "These users (comma list) must use TLS for login and data, whatever -Y says.")
    private String tlsRequiredUsers;

    @Option(names = "--tls-required-groups", paramLabel = "GROUPS",
            description = "Members of these groups (comma list) must use TLS for login and data, whatever -Y says.")
    private String tlsRequiredGroups;

    @Option(names = "--tls-no-session-reuse-required",
            description = "Accept protected data connections that do not resume the control connection's TLS "
                    + "session (for clients that cannot; weaker: see docs/SECURITY.md).")
    private boolean tlsNoSessionReuse;

    @Mixin
    private ClientCertificateSwitches clientCertificates = new ClientCertificateSwitches();

    @Mixin
    private OtherPureFtpdSwitches others = new OtherPureFtpdSwitches();

    /** A server built from the switches, and what to tell the operator as it starts. */
    public record Built(ServerConfig server, List<String> notes) {
        public Built {
            notes = List.copyOf(notes);
        }
    }

    /** Whether no listen address was given, so that the default loopback pair is used. */
    public boolean defaultBinds() {
        return binds.isEmpty();
    }

    /**
     * The server the switches describe.
     *
     * @throws IllegalArgumentException for a value out of range, switches that contradict each
     *                                  other, or a switch Ferry does not support yet; the message
     *                                  names the switch
     */
    public Built build(DataDirectory data) {
        List<String> notes = new ArrayList<>();
        others.check(notes);
        if (chrootEveryone && trustedGroup != null) {
            throw new IllegalArgumentException("-A (--chrooteveryone) and -a (--trustedgid) contradict each other: "
                    + "-A jails everyone, -a lets a group out; give one of them");
        }
        if (anonymousOnly && noAnonymous) {
            throw new IllegalArgumentException("-e (--anonymousonly) and -E (--noanonymous) together would refuse "
                    + "every login; give one of them");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (binds.isEmpty()) {
            addresses.add(new InetSocketAddress("127.0.0.1", ServeCommand.DEFAULT_PORT));
            addresses.add(new InetSocketAddress("::1", ServeCommand.DEFAULT_PORT));
        } else {
            for (String b : binds) {
                addresses.add(BindAddress.parse(b, ServeCommand.DEFAULT_PORT));
            }
        }
        addresses = oneFamily(addresses, binds.isEmpty());
        PassiveConfig passive = new PassiveConfig(
                Optional.ofNullable(passivePorts).map(PortRange::parse), Optional.ofNullable(masquerade)).withOff(natMode);
        requireNonNegative(maxClients, "--maxclientsnumber");
        requireNonNegative(maxPerIp, "--maxclientsperip");
        if (maxDiskUsage < 0 || maxDiskUsage > 99) {
            throw new IllegalArgumentException("-k (--maxdiskusagepct) takes a percentage from 1 to 99, not "
                    + maxDiskUsage);
        }
        PerUserLimits perUser = perUserLimits == null ? PerUserLimits.NONE : perUserLimits(perUserLimits);
        SessionLimits limits = new SessionLimits(maxClients, maxPerIp, perUser.users(), Math.max(1, maxLoginAttempts),
                Duration.ofMillis(requireNonNegative(loginFailureDelayMillis, "--login-failure-delay")),
                SessionLimits.DEFAULT.maxLineLength()).withQuota(quota == null ? Quota.NONE : quota(quota))
                .withRates(bandwidth("--userbandwidth", userBandwidth), bandwidth("--anonymousbandwidth",
                        anonymousBandwidth))
                .withRatios(ratios())
                .withAnonymousMaxLoad(maxLoad == null ? 0 : maxLoad(maxLoad));
        Timeouts timeouts = new Timeouts(
                Duration.ofSeconds(requireNonNegative(loginTimeout, "--login-timeout")),
                Duration.ofMinutes(requireNonNegative(idleMinutes, "--maxidletime")),
                Duration.ofSeconds(requireNonNegative(stalledTimeout, "--stalled-timeout")), Duration.ZERO,
                Duration.ofSeconds(Math.max(1, dataTimeout)),
                Duration.ofSeconds(requireNonNegative(shutdownGrace, "--shutdown-grace")));
        FxpPolicy fxp = anonymousFxp ? FxpPolicy.EVERYONE : userFxp ? FxpPolicy.AUTHENTICATED : FxpPolicy.NOBODY;
        return new Built(new ServerConfig(data, addresses, List.of(), serverName, messages(), passive, limits,
                timeouts, fxp, anonymousAreas(data, notes),
                symlinksAnywhere ? SymlinkPolicy.ANYWHERE : SymlinkPolicy.INSIDE_ROOT, logins(notes),
                files(), access(), tls(data, notes),
                new TransferHooks(transferLogs(), uploadScript())), notes);
    }

    /**
     * --upload-script (with or without -o), checked to be a program this process can run. It is
     * about the process rather than the server, so it also goes with {@code --config}.
     *
     * @throws IllegalArgumentException for -o alone, or a file that cannot be run
     */
    Optional<Path> uploadScript() {
        if (uploadScript == null) {
            if (callUploadScript) {
                throw new IllegalArgumentException("-o (--uploadscript) needs --upload-script PROGRAM: Ferry runs "
                        + "the program itself, no pure-uploadscript daemon is involved");
            }
            return Optional.empty();
        }
        Path program = uploadScript.toAbsolutePath().normalize();
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new IllegalArgumentException("--upload-script " + uploadScript + " is not an executable file");
        }
        return Optional.of(program);
    }

    /** -O: the transfer logs. */
    private List<TransferLogSpec> transferLogs() {
        List<TransferLogSpec> logs = new ArrayList<>();
        for (String spec : altLogs) {
            try {
                logs.add(TransferLogSpec.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-O (--altlog) " + e.getMessage());
            }
        }
        return logs;
    }

    /**
     * FTPS from {@code -Y}, the certificate switches and the rest. The certificate files are
     * only named here; they are read when the server starts, which reports a bad one.
     */
    private TlsConfig tls(DataDirectory data, List<String> notes) {
        TlsLevel level = TlsLevel.ofPureFtpd(tlsLevel);
        int certificateSources = (certFile != null ? 1 : 0) + (tlsCert != null ? 1 : 0) + (tlsPkcs12 != null ? 1 : 0);
        if (certificateSources > 1) {
            throw new IllegalArgumentException("give one certificate: -2 (--certfile), --tls-cert or --tls-pkcs12");
        }
        if (tlsKey != null && tlsCert == null) {
            throw new IllegalArgumentException("--tls-key needs --tls-cert");
        }
        if (tlsPkcs12PasswordFile != null && tlsPkcs12 == null) {
            throw new IllegalArgumentException("--tls-pkcs12-password-file needs --tls-pkcs12");
        }
        List<InetSocketAddress> implicit = implicitTlsBinds.stream().map(b -> BindAddress.parse(b, 990)).toList();
        if (level == TlsLevel.OFF) {
            if (!implicit.isEmpty()) {
                throw new IllegalArgumentException("--implicit-tls-bind needs TLS on; -Y 0 turns it off");
            }
            if (certificateSources > 0) {
                notes.add("-Y 0 turns TLS off: the certificate is not used");
            }
            if (clientCertificates.given()) {
                throw new IllegalArgumentException("client certificates (--tls-verify-client ...) need TLS on; "
                        + "-Y 0 turns it off");
            }
            if (tlsRequiredUsers != null || tlsRequiredGroups != null) {
                throw new IllegalArgumentException("--tls-required-users/--tls-required-groups need TLS on; "
                        + "-Y 0 turns it off");
            }
            return TlsConfig.OFF;
        }
        TlsCertificate certificate;
        if (certFile != null) {
            String[] parts = certFile.split(",", -1);
            if (parts.length > 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("-2 (--certfile) takes CERTFILE or CERTFILE,KEYFILE, not '"
                        + certFile + "'");
            }
            Path cert = Path.of(parts[0].strip());
            certificate = new TlsCertificate.PemFiles(cert, parts.length == 2 && !parts[1].isBlank()
                    ? Path.of(parts[1].strip()) : cert);
        } else if (tlsCert != null) {
            certificate = new TlsCertificate.PemFiles(tlsCert, tlsKey != null ? tlsKey : tlsCert);
        } else if (tlsPkcs12 != null) {
            certificate = new TlsCertificate.Pkcs12File(tlsPkcs12, pkcs12Password());
        } else {
            certificate = new TlsCertificate.SelfSigned(data.root().resolve("tls"));
        }
        List<String> protocols = tlsProtocols.isEmpty() ? TlsConfig.SUPPORTED_PROTOCOLS
                : tlsProtocols.stream().map(String::strip).distinct().toList();
        ClientCertificates clients = clientCertificates.settings();
        List<String> cipherSuites = cipherSuites();
        TlsPolicy policy = new TlsPolicy(level, tlsAnonymousExempt, !tlsNoSessionReuse, tlsRequirements());
        try {
            return new TlsConfig(policy,
                    Optional.of(certificate), protocols, implicit, cipherSuites, clients);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-protocols: " + e.getMessage());
        }
    }

    /** --tls-required-users and --tls-required-groups: control and data protected for those accounts. */
    private List<TlsRequirement> tlsRequirements() {
        List<TlsRequirement> requirements = new ArrayList<>();
        try {
            if (tlsRequiredUsers != null) {
                requirements.add(TlsRequirement.forUsers(tlsRequiredUsers, TlsLevel.CONTROL_AND_DATA));
            }
            if (tlsRequiredGroups != null) {
                requirements.add(TlsRequirement.forGroups(tlsRequiredGroups, TlsLevel.CONTROL_AND_DATA));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-required-users/--tls-required-groups: " + e.getMessage());
        }
        return requirements;
    }

    /** -J (Pure-FTPd): an OpenSSL cipher list. */
    private List<String> cipherSuites() {
        if (tlsCipherSuite == null) {
            return List.of();
        }
        try {
            return CipherSuiteList.parse(tlsCipherSuite);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-J (--tlsciphersuite): " + e.getMessage());
        }
    }

    private String pkcs12Password() {
        if (tlsPkcs12PasswordFile == null) {
            return "";
        }
        try {
            return Files.readAllLines(tlsPkcs12PasswordFile).stream().findFirst().orElse("");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--tls-pkcs12-password-file: cannot read " + tlsPkcs12PasswordFile
                    + ": " + e.getMessage());
        }
    }

    private List<AnonymousConfig> anonymousAreas(DataDirectory data, List<String> notes) {
        Optional<String> drop = Optional.ofNullable(anonymousUploadDir).map(ServeSwitches::uploadDirectory);
        if (noAnonymous) {
            if (anonymous) {
                notes.add("-E (--noanonymous) overrides --anonymous: anonymous logins are refused");
            }
            return List.of();
        }
        if (!anonymous && !anonymousOnly) {
            return List.of();
        }
        if (anonymousCantUpload && drop.isPresent()) {
            notes.add("-i (--anonymouscantupload) overrides --anonymous-upload-dir " + anonymousUploadDir
                    + ": anonymous users cannot upload");
            drop = Optional.empty();
        }
        Path root = (anonymousRoot != null ? anonymousRoot : data.anonymousRoot()).toAbsolutePath().normalize();
        int anonymousCap = perUserLimits == null ? 0 : perUserLimits(perUserLimits).anonymous();
        if (anonymousMakesDirectories && drop.isEmpty()) {
            notes.add("-M (--anonymouscancreatedirs) changes nothing without --anonymous-upload-dir: anonymous users "
                    + "can write nowhere else");
        }
        return List.of(AnonymousConfig.standard(root, drop, Messages.NONE).withMaxClients(anonymousCap)
                .withDotFilesReadable(allowDotFiles).withDirectoriesCreatable(anonymousMakesDirectories && drop.isPresent()));
    }

    /**
     * Virtual users are jailed in their homes whatever {@code -A} says (Pure-FTPd jails its
     * virtual users too); {@code -a GROUP} is ProFTPD's {@code DefaultRoot / GROUP} followed by
     * {@code DefaultRoot ~}. Client addresses are never resolved here, {@code -H} or not: only a
     * configuration file's {@code UseReverseDNS on} turns that on.
     */
    private LoginRules logins(List<String> notes) {
        List<DefaultRoot> roots = trustedGroup == null ? List.of() : List.of(
                new DefaultRoot("/", Optional.of(trustedGroup(trustedGroup))), new DefaultRoot("~", Optional.empty()));
        DotFiles dotFiles = noDotFileAccess ? DotFiles.NO_ACCESS : noDotFileWrites ? DotFiles.NO_WRITE
                : DotFiles.ALLOWED;
        LoginRules d = LoginRules.DEFAULT;
        return new LoginRules(roots, d.userAliases(), d.authAliasOnly(), d.rootLogin(), d.requireValidShell(),
                false, d.anonymousGroup(), !anonymousOnly, dotFiles, LoginMethods.parse(loginMethods, notes),
                Optional.ofNullable(trustedIp).map(ServeSwitches::trustedIp));
    }

    private FileRules files() {
        FileRules f = FileRules.FERRY;
        Umask masks = umask == null ? new Umask(f.umask(), f.directoryUmask()) : umask(umask);
        return new FileRules(f.allowOverwrite(), f.allowStoreRestart(), f.allowRetrieveRestart(),
                noTruncate ? Optional.of(FileRules.HIDDEN_STORE_PREFIX) : f.hiddenStores(),
                masks.files(), masks.directories(), f.maxStoreSize(), f.maxRetrieveSize(),
                f.allowFilter(), f.denyFilter(), f.hideUser(), f.hideGroup(), f.hideNoAccess(), f.timesGmt(),
                f.displayChdirOnce(), maxDiskUsage, listOptions(f.listOptions()), customerProof, autoRename);
    }

    /** {@code -D} and {@code -L}: Pure-FTPd's listing switches, as ProFTPD's ListOptions would say them. */
    private ListOptions listOptions(ListOptions options) {
        ListOptions o = displayDotFiles ? options.withDotFiles() : options;
        return limitRecursion == null ? o : o.withLimits(limitRecursion);
    }

    /** {@code -F}: the file must be there and readable now; a later problem only leaves the cookie out. */
    private Messages messages() {
        if (fortunesFile == null) {
            return Messages.NONE;
        }
        if (!Files.isRegularFile(fortunesFile) || !Files.isReadable(fortunesFile)) {
            throw new IllegalArgumentException("-F (--fortunesfile): " + fortunesFile + " is not a readable file");
        }
        return Messages.NONE.withFortunes(Optional.of(fortunesFile.toAbsolutePath().normalize()));
    }

    /**
     * Pure-FTPd's {@code -4} and {@code -6}: only IPv4 or only IPv6 connections. The default
     * addresses keep the one of that family; "all interfaces" becomes {@code 0.0.0.0} under
     * {@code -4}; an address of the other family is a contradiction. A Java socket bound to
     * {@code ::} also takes IPv4 connections and cannot be told not to, so {@code -6} needs
     * IPv6 addresses named one by one.
     */
    private List<InetSocketAddress> oneFamily(List<InetSocketAddress> addresses, boolean defaults) {
        if (ipv4Only && ipv6Only) {
            throw new IllegalArgumentException("-4 (--ipv4only) and -6 (--ipv6only) contradict each other; give one");
        }
        if (!ipv4Only && !ipv6Only) {
            return addresses;
        }
        List<InetSocketAddress> kept = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            InetSocketAddress a = addresses.get(i);
            boolean v4 = a.getAddress() instanceof java.net.Inet4Address;
            if (a.getAddress().isAnyLocalAddress()) {
                if (ipv6Only) {
                    throw new IllegalArgumentException("-6 (--ipv6only) with a bind to all interfaces: Ferry cannot "
                            + "keep IPv4 off a socket bound to ::; name the IPv6 addresses, e.g. -S '[2001:db8::1],21'");
                }
                kept.add(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), a.getPort()));
            } else if (v4 == ipv4Only) {
                kept.add(a);
            } else if (!defaults) {
                throw new IllegalArgumentException((ipv4Only ? "-4 (--ipv4only)" : "-6 (--ipv6only)") + " and -S "
                        + binds.get(i).strip() + " contradict each other");
            }
        }
        return kept;
    }

    /** {@code --trustedip}: a literal address (no name lookup: the check must not depend on DNS). */
    static InetAddress trustedIp(String spec) {
        String value = spec.strip();
        if (!value.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("--trustedip takes an IP address such as 10.0.0.1, not '" + spec + "'");
        }
        try {
            return InetAddress.getByName(value);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--trustedip takes an IP address such as 10.0.0.1, not '" + spec + "'");
        }
    }

    /** Pure-FTPd's {@code -m LOAD}: a load average, such as 4 or 2.5. */
    static double maxLoad(String spec) {
        String value = spec.strip();
        if (!value.matches("[0-9]{1,6}(\\.[0-9]{1,3})?") || Double.parseDouble(value) <= 0) {
            throw new IllegalArgumentException("-m (--maxload) takes a load average above 0, such as 4 or 2.5, not '"
                    + spec + "'");
        }
        return Double.parseDouble(value);
    }

    /**
     * {@code -a}'s group. Pure-FTPd takes a numeric gid; Ferry's users belong to named groups,
     * so a number can only be a mistake.
     */
    static NameExpression trustedGroup(String group) {
        if (group.strip().matches("\\d+")) {
            throw new IllegalArgumentException("-a (--trustedgid) takes a group name in Ferry, not a numeric gid like "
                    + group.strip() + ": Ferry's users have named groups");
        }
        return NameExpression.parse(group);
    }

    /**
     * Pure-FTPd's {@code -y USERS:ANONYMOUS} (pure-ftpd(8)): sessions at once logged in as one
     * user, and anonymous sessions at once; 0 = unlimited.
     */
    record PerUserLimits(int users, int anonymous) {
        static final PerUserLimits NONE = new PerUserLimits(0, 0);
    }

    static PerUserLimits perUserLimits(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(
                    "-y (--peruserlimits) takes USERS:ANONYMOUS, two numbers such as 3:20, not '" + spec + "'");
        }
        return new PerUserLimits(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /**
     * Pure-FTPd's {@code -n FILES:MB} (pure-ftpd(8)): the most files and megabytes (MiB) a user may
     * keep; 0 leaves that limit off.
     */
    static Quota quota(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length != 2 || !parts[0].strip().matches("[0-9]{1,15}") || !parts[1].strip().matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("-n (--quota) takes FILES:MB, two numbers such as 1000:10, not '"
                    + spec + "'");
        }
        return new Quota(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()) << 20);
    }

    /**
     * Pure-FTPd's {@code -G}, {@code -K} and {@code -R} as the {@code <Limit>} blocks a
     * configuration file would spell them with: RNFR/RNTO, DELE (the {@code -a} group excepted,
     * as Pure-FTPd lets its trusted group delete) and SITE CHMOD denied to all.
     */
    private AccessRules access() {
        AccessRule denyAll = AccessRule.parse("DenyAll", "");
        List<LimitSection> sections = new ArrayList<>();
        if (noRename) {
            sections.add(new LimitSection(Set.of("RNFR", "RNTO"), List.of(denyAll)));
        }
        if (keepAllFiles) {
            sections.add(new LimitSection(Set.of("DELE"), trustedGroup == null ? List.of(denyAll)
                    : List.of(AccessRule.parse("AllowGroup", trustedGroup), denyAll)));
        }
        if (noChmod) {
            sections.add(new LimitSection(Set.of("SITE_CHMOD"), List.of(denyAll)));
        }
        return sections.isEmpty() ? AccessRules.NONE : new AccessRules(new LimitContext(sections), List.of());
    }

    /**
     * Pure-FTPd's ratios: {@code -a}'s group is exempt, then {@code -q} holds anonymous logins and
     * {@code -Q} every login.
     */
    private RatioRules ratios() {
        List<RatioRule> rules = new ArrayList<>();
        if (trustedGroup != null) {
            rules.add(new RatioRule(new RatioTarget.Group(trustedGroup(trustedGroup)), false, Ratio.NONE));
        }
        if (anonymousRatio != null) {
            rules.add(new RatioRule(new RatioTarget.AnonymousLogins(), false,
                    ratio("--anonymousratio", anonymousRatio)));
        }
        if (userRatio != null) {
            rules.add(new RatioRule(new RatioTarget.Everyone(), false, ratio("--userratio", userRatio)));
        }
        return anonymousRatio == null && userRatio == null ? RatioRules.NONE
                : new RatioRules(true, rules, RatioTexts.STANDARD);
    }

    /** Where {@code -f} sends the event log: empty for standard output. */
    public Optional<SyslogTarget> syslog() {
        return syslogFacility == null ? Optional.empty() : syslog(syslogFacility);
    }

    /** Pure-FTPd's {@code -f FACILITY}, or {@code -f none} for no syslog. */
    static Optional<SyslogTarget> syslog(String facility) {
        if (facility.strip().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SyslogTarget(SyslogFacility.parse(facility), SyslogTarget.DEFAULT_SOCKET));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-f (--syslogfacility) " + e.getMessage() + ", or none");
        }
    }

    /** Pure-FTPd's {@code -q}/{@code -Q}: UPLOAD:DOWNLOAD, both at least 1. */
    static Ratio ratio(String option, String spec) {
        try {
            return Ratio.ofPureFtpd(spec);
        } catch (IllegalArgumentException e) {
            String name = option.equals("--userratio") ? "-Q (--userratio)" : "-q (--anonymousratio)";
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    /** The switches that go with {@code --config} too: they are not about the server the file describes. */
    static final java.util.Set<String> BESIDE_CONFIG_FILE = java.util.Set.of("--upload-script", "--uploadscript");

    /** Pure-FTPd's {@code -t}/{@code -T}: KB/s, one number or UPLOAD:DOWNLOAD; none when not given. */
    static TransferRates bandwidth(String option, String spec) {
        if (spec == null) {
            return TransferRates.NONE;
        }
        try {
            return TransferRates.ofPureFtpd(spec);
        } catch (IllegalArgumentException e) {
            String name = option.equals("--userbandwidth") ? "-T (--userbandwidth)" : "-t (--anonymousbandwidth)";
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    /** Pure-FTPd's {@code -U FILES:DIRS}: the umask of new files and that of new directories. */
    record Umask(int files, int directories) {
    }

    /**
     * Pure-FTPd's {@code -U FILES:DIRS} (pure-ftpd(8)): FILES for new files (created from 0666),
     * DIRS for new directories (from 0777); one value alone is the umask of both.
     */
    static Umask umask(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("-U (--umask) takes FILES:DIRS in octal, e.g. 133:022, not '" + spec + "'");
        }
        int files = octal(parts[0], spec);
        return new Umask(files, parts.length == 2 ? octal(parts[1], spec) : files);
    }

    private static int octal(String digits, String spec) {
        String d = digits.strip();
        if (!d.matches("[0-7]{1,4}") || Integer.parseInt(d, 8) > 0777) {
            throw new IllegalArgumentException("-U (--umask) takes FILES:DIRS in octal from 000 to 777, e.g. 133:022, "
                    + "not '" + spec + "'");
        }
        return Integer.parseInt(d, 8);
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
}
