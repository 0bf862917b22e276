package dev.ferry.cli;

import dev.ferry.config.ListOptions;
import dev.ferry.config.PortRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pure-ftpd.conf file ({@code ferry serve --pureconf FILE}), read as Pure-FTPd's own
 * pure-config.pl reads it: one {@code Key value} per line, {@code #} comments, keys in any case,
 * {@code yes}/{@code no} for on/off; each key stands for the pure-ftpd(8) switch pure-config.pl
 * turns it into. Unlike pure-config.pl, nothing is dropped silently: a key Ferry cannot honour is
 * an error naming FILE:LINE, and a key that only concerns how Pure-FTPd itself runs
 * ({@code Daemonize}, {@code PIDFile}, ...) gives a note. A key for a feature Ferry lacks is
 * accepted when it is set to {@code no}, since that is what Ferry does anyway.
 *
 * @param file     the file, as given
 * @param settings the keys that stand for a switch of {@code ferry serve}, in file order
 * @param notes    what to tell the operator at start, each "FILE:LINE: ..."
 */
public record PureFtpdConf(Path file, List<Setting> settings, List<String> notes) {

    /**
     * One key that stands for a switch.
     *
     * @param line      where it is
     * @param key       the key as written
     * @param value     the value as written
     * @param option    the switch's long name, e.g. {@code --maxclientsnumber}
     * @param arguments what it adds to the command line: the switch and its value, the switch
     *                  alone for {@code yes}, nothing for {@code no}
     */
    public record Setting(int line, String key, String value, String option, List<String> arguments) {
        public Setting {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
            Objects.requireNonNull(option);
            arguments = List.copyOf(arguments);
        }
    }

    public PureFtpdConf {
        Objects.requireNonNull(file);
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
    }

    private enum Kind {
        /** yes/no for a switch without a value. */
        FLAG,
        /** A decimal number for the switch. */
        NUMBER,
        /** Two numbers, "LOW HIGH" (or "LOW:HIGH"), for a switch taking LOW:HIGH. */
        PORT_RANGE,
        /** Two numbers, "FILES DEPTH" (or "FILES:DEPTH"), for {@code --limitrecursion}. */
        LIMITS,
        /** One word for the switch, checked by the switch's own rules. */
        BIND, HOST, GROUP, UMASK, PER_USER, QUOTA, CIPHERS, LOAD, FILE, ADDRESS,
        /** {@code FORMAT:FILE} for {@code --altlog}; may be given more than once, as Bind. */
        ALT_LOG,
        /** KB/s, one number or "UPLOAD:DOWNLOAD", for {@code --anonymousbandwidth}/{@code --userbandwidth}. */
        BANDWIDTH,
        /** A syslog facility or "none", for {@code --syslogfacility}. */
        SYSLOG,
        /** "UPLOAD:DOWNLOAD", for {@code --anonymousratio}/{@code --userratio}. */
        RATIO,
        /** yes: {@code --login} with the method the rule names; no: nothing. */
        LOGIN_FLAG,
        /** A file: {@code --login METHOD:FILE}, with the method the rule names. */
        LOGIN_FILE,
        /** yes: accepted with a note; no: nothing. */
        NOTE_FLAG,
        /** Any value, accepted with a note. */
        NOTE,
        /** Not supported yet, whatever the value. */
        REFUSED,
        /** A character set (pure-ftpd's -8/-9): UTF-8, which Ferry always speaks, with a note; others refused. */
        CHARSET,
        /** A TLS level, 0 to 3, for {@code --tls}. */
        TLS,
        /** A certificate file, for {@code --certfile}. */
        CERTIFICATE,
        /** Two files, certificate and key (each may be quoted), for {@code --certfile CERT,KEY}. */
        CERTIFICATE_AND_KEY
    }

    /** What a key means: its kind, and the switch it stands for or the note it gives. */
    private record Rule(String key, Kind kind, String meaning) {
    }

    private static final String FOREGROUND = "Ferry runs in the foreground; run it under a supervisor such as systemd";
    private static final String ONE_PROCESS = "Ferry is one process; its syslog lines (SyslogFacility) carry that "
            + "process's id";

    /** Every key of Pure-FTPd's pure-ftpd.conf and pure-config.pl, by lower-case name. */
    private static final Map<String, Rule> RULES = rules(
            new Rule("ChrootEveryone", Kind.FLAG, "--chrooteveryone"),
            new Rule("TrustedGID", Kind.GROUP, "--trustedgid"),
            new Rule("MaxClientsNumber", Kind.NUMBER, "--maxclientsnumber"),
            new Rule("MaxDiskUsage", Kind.NUMBER, "--maxdiskusagepct"),
            new Rule("MaxClientsPerIP", Kind.NUMBER, "--maxclientsperip"),
            new Rule("AnonymousOnly", Kind.FLAG, "--anonymousonly"),
            new Rule("NoAnonymous", Kind.FLAG, "--noanonymous"),
            new Rule("DontResolve", Kind.FLAG, "--dontresolve"),
            new Rule("MaxIdleTime", Kind.NUMBER, "--maxidletime"),
            new Rule("PassivePortRange", Kind.PORT_RANGE, "--passiveportrange"),
            new Rule("ForcePassiveIP", Kind.HOST, "--forcepassiveip"),
            new Rule("AntiWarez", Kind.FLAG, "--antiwarez"),
            new Rule("DisplayDotFiles", Kind.FLAG, "--displaydotfiles"),
            new Rule("LimitRecursion", Kind.LIMITS, "--limitrecursion"),
            new Rule("Bind", Kind.BIND, "--bind"),
            new Rule("Umask", Kind.UMASK, "--umask"),
            new Rule("AllowUserFXP", Kind.FLAG, "--allowuserfxp"),
            new Rule("AllowAnonymousFXP", Kind.FLAG, "--allowanonymousfxp"),
            new Rule("ProhibitDotFilesWrite", Kind.FLAG, "--prohibitdotfileswrite"),
            new Rule("ProhibitDotFilesRead", Kind.FLAG, "--prohibitdotfilesread"),
            new Rule("AnonymousCantUpload", Kind.FLAG, "--anonymouscantupload"),
            new Rule("NoTruncate", Kind.FLAG, "--notruncate"),
            new Rule("PerUserLimits", Kind.PER_USER, "--peruserlimits"),
            new Rule("Quota", Kind.QUOTA, "--quota"),
            new Rule("AltLog", Kind.ALT_LOG, "--altlog"),
            new Rule("CallUploadScript", Kind.FLAG, "--uploadscript"),
            new Rule("AnonymousBandwidth", Kind.BANDWIDTH, "--anonymousbandwidth"),
            new Rule("UserBandwidth", Kind.BANDWIDTH, "--userbandwidth"),

            new Rule("Daemonize", Kind.NOTE_FLAG, FOREGROUND),
            new Rule("VerboseLog", Kind.NOTE_FLAG, "set FERRY_LOG_LEVEL=DEBUG to log every command"),
            new Rule("BrokenClientsCompatibility", Kind.NOTE_FLAG, "Ferry has no compatibility mode for broken clients"),
            new Rule("LogPID", Kind.NOTE_FLAG, ONE_PROCESS),
            new Rule("CreateHomeDir", Kind.NOTE_FLAG, "Ferry always creates a virtual user's home at the first login"),
            new Rule("UnixAuthentication", Kind.LOGIN_FLAG, "unix"),
            new Rule("PAMAuthentication", Kind.LOGIN_FLAG, "pam"),
            new Rule("PureDB", Kind.LOGIN_FILE, "puredb"),
            new Rule("MySQLConfigFile", Kind.LOGIN_FILE, "mysql"),
            new Rule("PGSQLConfigFile", Kind.LOGIN_FILE, "pgsql"),
            new Rule("LDAPConfigFile", Kind.LOGIN_FILE, "ldap"),
            new Rule("SyslogFacility", Kind.SYSLOG, "--syslogfacility"),
            new Rule("PIDFile", Kind.NOTE, "Ferry writes no pid file"),
            new Rule("MinUID", Kind.NOTE, "Ferry's virtual users have no uid, and system accounts never log in"),

            new Rule("AnonymousCanCreateDirs", Kind.FLAG, "--anonymouscancreatedirs"),
            new Rule("NATmode", Kind.FLAG, "--natmode"),
            new Rule("AllowDotFiles", Kind.FLAG, "--allowdotfiles"),
            new Rule("AutoRename", Kind.FLAG, "--autorename"),
            new Rule("NoChmod", Kind.FLAG, "--nochmod"),
            new Rule("KeepAllFiles", Kind.FLAG, "--keepallfiles"),
            new Rule("NoRename", Kind.FLAG, "--norename"),
            new Rule("CustomerProof", Kind.FLAG, "--customerproof"),
            new Rule("IPV4Only", Kind.FLAG, "--ipv4only"),
            new Rule("IPV6Only", Kind.FLAG, "--ipv6only"),
            new Rule("TLS", Kind.TLS, "--tls"),
            new Rule("MaxLoad", Kind.LOAD, "--maxload"),
            new Rule("AnonymousRatio", Kind.RATIO, "--anonymousratio"),
            new Rule("UserRatio", Kind.RATIO, "--userratio"),
            new Rule("FortunesFile", Kind.FILE, "--fortunesfile"),
            new Rule("TrustedIP", Kind.ADDRESS, "--trustedip"),
            new Rule("TLSCipherSuite", Kind.CIPHERS, "--tlsciphersuite"),
            new Rule("CertFile", Kind.CERTIFICATE, "--certfile"),
            new Rule("CertFileAndKey", Kind.CERTIFICATE_AND_KEY, "--certfile"),
            new Rule("ExtCert", Kind.REFUSED, "--extcert"),
            new Rule("ExtAuth", Kind.LOGIN_FILE, "extauth"),
            new Rule("FileSystemCharset", Kind.CHARSET, "file names"),
            new Rule("FSCharset", Kind.CHARSET, "file names"),
            new Rule("ClientCharset", Kind.CHARSET, "what clients send"));

    private static final Pattern LINE = Pattern.compile("\\s*(\\S+)(?:\\s+(.*?))?\\s*");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+#.*");

    private static Map<String, Rule> rules(Rule... rules) {
        Map<String, Rule> byName = new HashMap<>();
        for (Rule r : rules) {
            byName.put(r.key().toLowerCase(Locale.ROOT), r);
        }
        return Map.copyOf(byName);
    }

    /** One "Key value" to check, and how messages name where it came from. */
    private record Entry(int number, String at, String text) {
    }

    /** Whether {@code key} names a login method, which Debian's layout orders by its auth directory. */
    private static boolean loginKey(String key) {
        Rule rule = RULES.get(key.toLowerCase(Locale.ROOT));
        return rule != null && (rule.kind() == Kind.LOGIN_FLAG || rule.kind() == Kind.LOGIN_FILE);
    }

    /**
     * Reads and checks {@code path}: a pure-ftpd.conf file, or the directory of Debian's
     * pure-ftpd-wrapper ({@code /etc/pure-ftpd} or its {@code conf} directory), see
     * {@link #readDirectory}.
     */
    public static PureFtpdConf read(Path path) throws PureFtpdConfException {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PureFtpdConfException(List.of(path + ": cannot read: " + e.getMessage()));
        }
        return parse(path, lines);
    }

    /** Checks the lines of a file named {@code file}. */
    public static PureFtpdConf parse(Path file, List<String> lines) throws PureFtpdConfException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                entries.add(new Entry(i + 1, file + ":" + (i + 1) + ": ", text));
            }
        }
        return check(file, entries);
    }

    /**
     * Debian's layout, as pure-ftpd-wrapper reads it: {@code conf/KEY} files, each holding the
     * value of one key on its first line, and {@code auth/} symbolic links to the login methods'
     * files in {@code conf/}, asked in the order of the links' names (say {@code 65unix},
     * {@code 70pam}). A login method's file in {@code conf/} counts only through such a link.
     * {@code dir} is the directory holding {@code conf/} and {@code auth/}, or {@code conf/}
     * itself. Messages name the file: "DIR/conf/KEY: ...".
     */
    static PureFtpdConf readDirectory(Path dir) throws PureFtpdConfException {
        Path conf = Files.isDirectory(dir.resolve("conf")) ? dir.resolve("conf") : dir;
        Path auth = conf.resolveSibling("auth");
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (var files = Files.list(conf)) {
            for (Path file : files.sorted().toList()) {
                String key = file.getFileName().toString();
                if (!Files.isRegularFile(file) || key.startsWith(".") || loginKey(key)) {
                    continue;
                }
                entries.add(new Entry(entries.size() + 1, file + ": ", key + " " + firstLine(file, errors)));
            }
            if (Files.isDirectory(auth)) {
                try (var links = Files.list(auth)) {
                    for (Path link : links.filter(Files::isSymbolicLink).sorted().toList()) {
                        Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
                        String key = target.getFileName().toString();
                        if (!loginKey(key)) {
                            errors.add(link + ": points to " + target + ", which is no login method's file");
                            continue;
                        }
                        entries.add(new Entry(entries.size() + 1, link + " -> " + target + ": ",
                                key + " " + firstLine(target, errors)));
                    }
                }
            }
        } catch (IOException e) {
            throw new PureFtpdConfException(List.of(dir + ": cannot read: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new PureFtpdConfException(errors);
        }
        return check(dir, entries);
    }

    private static String firstLine(Path file, List<String> errors) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("").strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            errors.add(file + ": cannot read: " + e.getMessage());
            return "";
        }
    }

    private static PureFtpdConf check(Path file, List<Entry> entries) throws PureFtpdConfException {
        List<Setting> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Entry entry : entries) {
            int number = entry.number();
            String text = entry.text();
            String at = entry.at();
            Matcher m = LINE.matcher(TRAILING_COMMENT.matcher(text).replaceFirst(""));
            if (!m.matches()) {
                errors.add(at + "expected 'Key value'");
                continue;
            }
            String key = m.group(1);
            String value = m.group(2) == null ? "" : m.group(2);
            Rule rule = RULES.get(key.toLowerCase(Locale.ROOT));
            if (rule == null) {
                errors.add(at + "unknown key '" + key + "' (not a pure-ftpd.conf setting)");
                continue;
            }
            if (value.isEmpty()) {
                errors.add(at + key + " needs a value");
                continue;
            }
            try {
                Setting s = setting(rule, number, key, value, notes, at);
                if (s != null) {
                    Integer first = seen.putIfAbsent(s.option(), number);
                    if (first != null && rule.kind() != Kind.BIND && rule.kind() != Kind.ALT_LOG
                            && rule.kind() != Kind.LOGIN_FLAG && rule.kind() != Kind.LOGIN_FILE) {
                        errors.add(at + key + " is given twice (also at line " + first + ")");
                    } else {
                        settings.add(s);
                    }
                }
            } catch (IllegalArgumentException e) {
                errors.add(at + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new PureFtpdConfException(errors);
        }
        return new PureFtpdConf(file, settings, notes);
    }

    /** The setting a line makes, or null when it only adds a note or nothing. */
    private static Setting setting(Rule rule, int line, String key, String value, List<String> notes, String at) {
        String option = rule.meaning();
        return switch (rule.kind()) {
            case FLAG -> new Setting(line, key, value, option, yes(key, value) ? List.of(option) : List.of());
            case NUMBER -> {
                if (!value.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException(key + " takes a number, not '" + value + "'");
                }
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case PORT_RANGE -> {
                String range = value.replaceAll("\\s+", ":");
                PortRange.parse(range);
                yield new Setting(line, key, value, option, List.of(option, range));
            }
            case LIMITS -> {
                String limits = value.strip().replaceAll("\\s+", ":");
                ListOptions.DEFAULT.withLimits(limits);
                yield new Setting(line, key, value, option, List.of(option, limits));
            }
            case BIND -> {
                BindAddress.parse(oneWord(key, value), ServeCommand.DEFAULT_PORT);
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case HOST, CIPHERS, FILE -> new Setting(line, key, value, option, List.of(option, oneWord(key, value)));
            case GROUP -> {
                ServeSwitches.trustedGroup(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case ADDRESS -> {
                ServeSwitches.trustedIp(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case LOAD -> {
                ServeSwitches.maxLoad(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case UMASK -> {
                ServeSwitches.umask(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case PER_USER -> {
                ServeSwitches.perUserLimits(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case QUOTA -> {
                ServeSwitches.quota(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value));
            }
            case BANDWIDTH -> {
                ServeSwitches.bandwidth(option, oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case SYSLOG -> {
                ServeSwitches.syslog(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case RATIO -> {
                ServeSwitches.ratio(option, oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case ALT_LOG -> {
                dev.ferry.log.transfer.TransferLogSpec.parse(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            // pure-config.pl turns each into one -l, in file order: the order the methods are asked in
            case LOGIN_FLAG -> new Setting(line, key, value, "--login",
                    yes(key, value) ? List.of("--login", option) : List.of());
            case LOGIN_FILE -> new Setting(line, key, value, "--login",
                    List.of("--login", option + ":" + unquote(oneWord(key, value))));
            case NOTE_FLAG -> {
                if (yes(key, value)) {
                    notes.add(at + key + " " + value + " changes nothing: " + rule.meaning());
                }
                yield null;
            }
            case NOTE -> {
                notes.add(at + key + " " + value + " changes nothing: " + rule.meaning());
                yield null;
            }
            case TLS -> {
                dev.ferry.config.TlsLevel.ofPureFtpd(oneWord(key, value));
                yield new Setting(line, key, value, option, List.of(option, value.strip()));
            }
            case CERTIFICATE -> new Setting(line, key, value, option, List.of(option, unquote(oneWord(key, value))));
            case CERTIFICATE_AND_KEY -> {
                // pure-config.pl: CertFileAndKey "/etc/pure-ftpd.pem" "/etc/pure-ftpd.key" becomes -2 CERT,KEY
                String[] files = value.strip().split("\\s+");
                if (files.length != 2) {
                    throw new IllegalArgumentException(key + " takes two files, the certificate and the key, not '"
                            + value + "'");
                }
                yield new Setting(line, key, value, option, List.of(option, unquote(files[0]) + "," + unquote(files[1])));
            }
            case REFUSED -> throw new IllegalArgumentException(OtherPureFtpdSwitches.notSupported(key));
            case CHARSET -> {
                if (!value.strip().replace("-", "").equalsIgnoreCase("utf8")) {
                    throw new IllegalArgumentException(key + " " + value.strip() + " is not supported yet: Ferry's "
                            + rule.meaning() + " are UTF-8 (RFC 2640)");
                }
                notes.add(at + key + " " + value.strip() + " changes nothing: Ferry's " + rule.meaning()
                        + " are always UTF-8 (RFC 2640)");
                yield null;
            }
        };
    }

    private static boolean yes(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(key + " takes yes or no, not '" + value + "'");
        };
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String oneWord(String key, String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(key + " takes one value, not '" + value + "'");
        }
        return value;
    }
}
