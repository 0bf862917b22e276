package dev.ferry.config.proftpd;

import dev.ferry.auth.AccountSource;
import dev.ferry.auth.ldap.LdapSettings;
import dev.ferry.auth.sql.SqlSettings;

import dev.ferry.command.CommandSpec;
import dev.ferry.command.CommandTable;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DefaultRoot;
import dev.ferry.config.DirectoryConfig;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.PortRange;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsRequirement;
import dev.ferry.config.TransferRates;
import dev.ferry.config.file.ConfigError;
import dev.ferry.config.file.ConfigFileParser;
import dev.ferry.config.file.ConfigNode;
import dev.ferry.config.file.ConfigSyntaxException;
import dev.ferry.config.file.ParseOptions;
import dev.ferry.config.file.Section;
import dev.ferry.log.syslog.SyslogFacility;
import dev.ferry.log.syslog.SyslogTarget;
import dev.ferry.policy.limit.AddressPattern;
import dev.ferry.policy.limit.ClientClass;
import dev.ferry.policy.limit.ClientClasses;
import dev.ferry.policy.limit.LimitContext;
import dev.ferry.policy.limit.LimitSection;
import dev.ferry.policy.limit.NameExpression;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a ProFTPD-style configuration file into a {@link FerryConfig}: the server config
 * context, {@code <Global>} (laid under every server), {@code <VirtualHost>},
 * {@code <Anonymous>}, {@code <Directory>}, {@code <Limit>}, {@code <Class>} and
 * {@code <IfClass>}. Every directive means what ProFTPD documents; one that Ferry cannot honour
 * is an error naming file:line, never skipped. Settings that have no effect in Ferry (how the
 * daemon is started, for instance) are accepted with a notice.
 */
public final class ConfigLoader {
    private final DataDirectory data;
    private final Function<String, Optional<Path>> homes;
    private final Set<String> verbs = new HashSet<>();
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> notices = new ArrayList<>();
    private final List<ClientClass> classes = new ArrayList<>();
    /** {@code LoadModule} lines for modules Ferry does not have, reported in one notice. */
    private final List<String> foreignModules = new ArrayList<>();
    private ConfigNode firstForeignModule;

    private ConfigLoader(DataDirectory data, Function<String, Optional<Path>> homes) {
        this.data = data;
        this.homes = homes;
        for (CommandSpec spec : CommandTable.standard().all()) {
            verbs.add(spec.verb());
        }
        verbs.add("SITE_CHMOD");
    }

    /**
     * @param homes the home directory of a user name, for {@code ~user} in paths
     */
    public static LoadedConfig load(Path file, DataDirectory data, Function<String, Optional<Path>> homes)
            throws ConfigException {
        List<ConfigNode> tree;
        try {
            tree = ConfigFileParser.parse(file, ParseOptions.standard());
        } catch (ConfigSyntaxException e) {
            throw new ConfigException(e.errors());
        }
        return load(tree, file, data, homes);
    }

    static LoadedConfig load(List<ConfigNode> tree, Path file, DataDirectory data,
                             Function<String, Optional<Path>> homes) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(data, homes);
        List<ConfigNode> global = new ArrayList<>();
        List<Section> virtualHosts = new ArrayList<>();
        List<ConfigNode> main = new ArrayList<>();
        for (ConfigNode node : tree) {
            if (node instanceof Section s && s.name().equalsIgnoreCase("Global")) {
                loader.requireNoArgs(s);
                global.addAll(s.children());
            } else if (node instanceof Section s && s.name().equalsIgnoreCase("VirtualHost")) {
                virtualHosts.add(s);
            } else if (node instanceof Section s && s.name().equalsIgnoreCase("Class")) {
                loader.readClass(s);
            } else {
                main.add(node);
            }
        }
        List<ServerConfig> servers = new ArrayList<>();
        ServerDraft mainDraft = new ServerDraft(false);
        loader.readServer(mainDraft, global);
        loader.readServer(mainDraft, main);
        loader.build(mainDraft, null, data).ifPresent(servers::add);
        for (Section vhost : virtualHosts) {
            ServerDraft draft = new ServerDraft(true);
            draft.port = mainDraft.port; // ProFTPD: a <VirtualHost> without Port listens on 21; Ferry keeps the main port
            loader.virtualHostAddresses(vhost, draft);
            loader.readServer(draft, global);
            loader.readServer(draft, vhost.children());
            loader.build(draft, vhost, data).ifPresent(servers::add);
            if (draft.syslog.isPresent() && !draft.syslog.equals(mainDraft.syslog)) {
                loader.error(draft.syslogAt, "SyslogFacility is one setting for the whole process: a <VirtualHost> "
                        + "cannot have one of its own (set it in the server context or <Global>)");
            }
        }
        if (loader.errors.isEmpty() && servers.stream().allMatch(s -> s.binds().isEmpty()
                && s.tls().implicitBinds().isEmpty())) {
            loader.error(mainDraft.portAt, "Port 0 and no <VirtualHost> with a Port of its own: no server would "
                    + "listen anywhere");
        }
        if (!loader.errors.isEmpty()) {
            throw new ConfigException(loader.errors);
        }
        if (loader.firstForeignModule != null) {
            loader.notice(loader.firstForeignModule, "LoadModule: not part of Ferry, so their <IfModule> sections are "
                    + "skipped and their directives refused: " + String.join(", ", loader.foreignModules));
        }
        return new LoadedConfig(new FerryConfig(servers, new ClientClasses(loader.classes), Optional.of(file),
                mainDraft.syslog, mainDraft.systemLog, mainDraft.maxInstances), loader.notices);
    }

    /**
     * The server a draft describes, or nothing (and an error) when it cannot be one. The main
     * server may be on {@code Port 0} and listen nowhere, so that only its virtual hosts do (FAQ
     * ch. 4 §16: listening on one address only); a virtual host on port 0 would serve nobody.
     *
     * @param vhost the {@code <VirtualHost>} section, null for the main server
     */
    private Optional<ServerConfig> build(ServerDraft s, Section vhost, DataDirectory data) {
        checkClassExclusion(s);
        s.clientCertificates.problem().ifPresent(p -> error(p.at(), p.message()));
        s.tls.check().forEach(refusal -> error(refusal.at(), refusal.message()));
        List<RatioDirectives> areaRatios = s.anonymous.stream().map(a -> a.ratios).toList();
        s.ratios.inertRules(areaRatios).ifPresent(text -> notice(s.ratios.firstRule(areaRatios), text));
        List<RatioDirectives> areasWithRules = areaRatios.stream().filter(r -> !r.isEmpty()).toList();
        if (areasWithRules.size() > 1) {
            error(areasWithRules.get(1).firstRule(List.of()), "ratio rules in more than one <Anonymous> area of a server are not "
                    + "supported yet");
        }
        s.ldap.problems().forEach(p -> error(p.at(), p.message()));
        s.ldap.notices().forEach(p -> notice(p.at(), p.message()));
        s.sources = accountSources(s, s.sql.settings(this::error, this::notice), s.ldap.settings());
        if (s.port == 0 && vhost != null) {
            if (s.portAt != null) {
                error(s.portAt, "a <VirtualHost> on Port 0 would listen nowhere");
            } else {
                error(vhost, "a <VirtualHost> on Port 0 would listen nowhere: it has no Port of its own, and the "
                        + "main server's is 0");
            }
            return Optional.empty();
        }
        return Optional.of(s.build(data));
    }

    /**
     * Where a server looks users up. Without {@code AuthOrder}: mod_sql's database when one is
     * configured, then Ferry's own users, which stand in for ProFTPD's file and system modules
     * (mod_sql comes before them in ProFTPD's module order). {@code AuthOrder} names the modules
     * in the order to ask them; a module marked {@code *} is authoritative, so none after it is
     * ever asked.
     */
    private List<AccountSource> accountSources(ServerDraft s, Optional<SqlSettings> sql, Optional<LdapSettings> ldap) {
        Optional<AccountSource> file = s.authUserFile.map(users -> new AccountSource.PasswdFile(users, s.authGroupFile));
        if (s.authUserFile.isEmpty() && s.authGroupFile.isPresent()) {
            error(s.authGroupFileAt, "AuthGroupFile without AuthUserFile: the groups of which users?");
        }
        if (s.authOrder == null) {
            List<AccountSource> sources = new ArrayList<>();
            sql.ifPresent(settings -> sources.add(new AccountSource.Sql(settings)));
            ldap.ifPresent(settings -> sources.add(new AccountSource.Ldap(settings)));
            file.ifPresent(sources::add);
            sources.add(new AccountSource.OwnUsers());
            return sources;
        }
        List<AccountSource> sources = new ArrayList<>();
        for (String module : s.authOrder.args()) {
            boolean authoritative = module.startsWith("*");
            String name = (authoritative ? module.substring(1) : module).toLowerCase(Locale.ROOT);
            name = name.endsWith(".c") ? name : name + ".c";
            AccountSource source;
            switch (name) {
                case "mod_sql.c" -> {
                    if (sql.isEmpty()) {
                        error(s.authOrder, "AuthOrder names mod_sql.c, but this server looks no users up in a "
                                + "database (SQLConnectInfo, SQLAuthTypes, SQLEngine on)");
                        continue;
                    }
                    source = new AccountSource.Sql(sql.get());
                }
                case "mod_ldap.c" -> {
                    if (ldap.isEmpty()) {
                        error(s.authOrder, "AuthOrder names mod_ldap.c, but this server looks no users up in a "
                                + "directory (LDAPServer, LDAPUsers)");
                        continue;
                    }
                    source = new AccountSource.Ldap(ldap.get());
                }
                case "mod_auth_file.c" -> source = file.orElse(new AccountSource.OwnUsers());
                case "mod_auth_unix.c", "mod_auth_pam.c" -> {
                    notice(s.authOrder, name + ": system accounts do not log in to Ferry; its own users "
                            + "(DATA-DIR/users.db) are asked in their place");
                    source = new AccountSource.OwnUsers();
                }
                default -> {
                    error(s.authOrder, "AuthOrder: " + module + " is not a module Ferry has; use mod_sql.c, "
                            + "mod_ldap.c, mod_auth_file.c, mod_auth_unix.c or mod_auth_pam.c");
                    continue;
                }
            }
            if (!sources.contains(source)) {
                sources.add(source);
            }
            if (authoritative) {
                break;
            }
        }
        if (sql.isPresent() && !sources.contains(new AccountSource.Sql(sql.get()))) {
            notice(s.authOrder, "AuthOrder leaves mod_sql.c out: its database is never asked");
        }
        if (ldap.isPresent() && !sources.contains(new AccountSource.Ldap(ldap.get()))) {
            notice(s.authOrder, "AuthOrder leaves mod_ldap.c out: its directory is never asked");
        }
        return sources.isEmpty() ? AccountSource.OWN_USERS_ONLY : sources;
    }

    // ---- contexts --------------------------------------------------------------------------

    private void readServer(ServerDraft s, List<ConfigNode> nodes) {
        for (ConfigNode node : nodes) {
            try {
                if (node instanceof Section section) {
                    readServerSection(s, section);
                } else if (!s.files.read(node) && !s.clientCertificates.read(node) && !s.ratios.read(node)
                        && !s.sql.read(node, this::notice) && !s.ldap.read(node, message -> notice(node, message))
                        && !readServerDirective(s, node) && !s.tls.read(node, message -> notice(node, message))) {
                    unknown(node, "the server context");
                }
            } catch (Values.Invalid | IllegalArgumentException e) {
                error(node, e.getMessage());
            }
        }
    }

    private void readServerSection(ServerDraft s, Section section) throws Values.Invalid {
        switch (section.name().toLowerCase(Locale.ROOT)) {
            case "anonymous" -> readAnonymous(s, section);
            case "directory" -> directory(section, s.directories, Optional.empty());
            case "limit" -> s.limits.add(limit(section));
            case "ifclass" -> readIfClass(s, section);
            case "ifuser", "ifgroup" -> readIfAccount(s, section);
            case "global", "virtualhost", "class" ->
                    error(section, "<" + section.name() + "> belongs at the top level of the file");
            default -> error(section, "<" + section.name() + "> is not a section Ferry knows here");
        }
    }

    private boolean readServerDirective(ServerDraft s, ConfigNode d) throws Values.Invalid {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "servername" -> s.serverName = Values.one(d);
            case "serverident" -> {
                Values.count(d, 1, 2);
                boolean on = Values.onOff(d.name(), d.args().getFirst());
                s.hideIdent = !on;
                s.ident = on && d.args().size() == 2 ? Optional.of(d.args().get(1)) : Optional.empty();
            }
            case "serveralias" -> {
                Values.count(d, 1, Integer.MAX_VALUE);
                s.hostNames.addAll(d.args());
            }
            case "port" -> {
                s.port = Values.count(d, Values.one(d), 0);
                s.portAt = d;
            }
            case "defaultaddress" -> {
                if (s.virtualHost) {
                    throw new Values.Invalid("DefaultAddress belongs to the main server; a <VirtualHost> takes its "
                            + "addresses as arguments");
                }
                Values.count(d, 1, Integer.MAX_VALUE);
                s.addresses.clear();
                for (String a : d.args()) {
                    s.addresses.addAll(resolve(d, a));
                }
            }
            case "socketbindtight" -> s.socketBindTight = Values.onOff(d);
            case "masqueradeaddress" -> s.masquerade = Optional.of(Values.one(d));
            case "passiveports" -> {
                Values.count(d, 2, 2);
                s.passivePorts = Optional.of(new PortRange(Values.count(d, d.args().get(0), 1),
                        Values.count(d, d.args().get(1), 1)));
            }
            case "allowforeignaddress" -> {
                String v = Values.one(d);
                s.fxp = switch (v.toLowerCase(Locale.ROOT)) {
                    case "on", "yes", "true" -> FxpPolicy.EVERYONE;
                    case "off", "no", "false" -> FxpPolicy.NOBODY;
                    default -> throw new Values.Invalid("AllowForeignAddress with a class is not supported yet; "
                            + "use on or off");
                };
            }
            case "maxclients" -> {
                s.maxClients = maxClients(d);
                s.maxClientsText = refusalText(d);
            }
            case "maxclientsperhost" -> {
                s.maxPerHost = maxClients(d);
                s.maxPerHostText = refusalText(d);
            }
            case "maxclientsperuser" -> {
                s.maxPerUser = maxClients(d);
                s.maxPerUserText = refusalText(d);
            }
            case "maxloginattempts" -> s.maxLoginAttempts = Values.count(d, Values.one(d), 1);
            case "timeoutidle" -> s.timeoutIdle = Values.seconds(d);
            case "timeoutlogin" -> s.timeoutLogin = Values.seconds(d);
            case "timeoutnotransfer" -> s.timeoutNoTransfer = Values.seconds(d);
            case "timeoutstalled" -> s.timeoutStalled = Values.seconds(d);
            case "defaultroot" -> {
                Values.count(d, 1, 2);
                String path = d.args().getFirst();
                Optional<NameExpression> groups = d.args().size() == 2
                        ? Optional.of(NameExpression.parse(d.args().get(1))) : Optional.empty();
                s.defaultRoots.add(new DefaultRoot(expandUser(d, path), groups));
            }
            case "requirevalidshell" -> s.requireValidShell = Values.onOff(d);
            case "rootlogin" -> s.rootLogin = Values.onOff(d);
            case "useralias" -> {
                Values.count(d, 2, 2);
                s.userAliases.put(d.args().get(0), d.args().get(1));
            }
            case "authaliasonly" -> s.authAliasOnly = Values.onOff(d);
            case "anonymousgroup" -> s.anonymousGroup = Optional.of(NameExpression.parse(Values.one(d)));
            case "usereversedns" -> s.useReverseDns = Values.onOff(d);
            case "identlookups" -> {
                if (Values.onOff(d)) {
                    throw new Values.Invalid("IdentLookups on is not supported (RFC 1413 lookups are never made)");
                }
            }
            case "useftpusers" -> useFtpUsers(d);
            case "authorder" -> {
                Values.count(d, 1, Integer.MAX_VALUE);
                s.authOrder = d;
            }
            case "transferrate" -> s.rates = TransferRateDirective.apply(d, s.rates);
            case "syslogfacility" -> {
                s.syslog = Optional.of(new SyslogTarget(SyslogFacility.parse(Values.one(d)), SyslogTarget.DEFAULT_SOCKET));
                s.syslogAt = d;
            }
            case "transferlog" -> {
                String file = Values.one(d);
                s.transferLog = file.equalsIgnoreCase("none") ? Optional.empty()
                        : Optional.of(Path.of(absolute(d, file)));
            }
            case "displayconnect" -> s.displayConnect = Optional.of(Path.of(absolute(d, Values.one(d))));
            case "displaylogin" -> s.displayLogin = Optional.of(Values.one(d));
            case "accessgrantmsg" -> s.accessGrant = Optional.of(Values.one(d));
            case "displaychdir" -> s.displayChdir = Optional.of(s.files.displayChdir(d));
            case "servertype" -> {
                if (!Values.one(d).equalsIgnoreCase("standalone")) {
                    throw new Values.Invalid("ServerType inetd is not supported; Ferry runs standalone");
                }
                notice(d, "ServerType standalone is how Ferry always runs");
            }
            case "defaultserver" -> {
                Values.onOff(d);
                notice(d, "DefaultServer: connections that match no <VirtualHost> address go to the main server");
            }
            case "user", "group" -> notice(d, d.name() + " outside <Anonymous> has no effect: Ferry runs as the user "
                    + "that starts it and never changes identity");
            case "useipv6" -> notice(d, "UseIPv6: Ferry serves IPv6 wherever an IPv6 address is bound");
            case "maxinstances" -> {
                if (s.virtualHost) {
                    throw new Values.Invalid("MaxInstances counts every connection to the whole server: set it in "
                            + "the server context (not in <VirtualHost> or <Global>)");
                }
                s.maxInstances = Values.count(d, Values.one(d), 1);
            }
            case "deferwelcome" -> s.deferWelcome = Values.onOff(d);
            case "authuserfile" -> s.authUserFile = Optional.of(accountFile(d));
            case "authgroupfile" -> {
                s.authGroupFile = Optional.of(accountFile(d));
                s.authGroupFileAt = d;
            }
            case "systemlog" -> {
                if (s.virtualHost) {
                    throw new Values.Invalid("SystemLog is one setting for the whole process: set it in the server "
                            + "context (not in <VirtualHost> or <Global>)");
                }
                String value = Values.one(d);
                if (value.equalsIgnoreCase("none")) {
                    s.systemLog = Optional.empty();
                    notice(d, "SystemLog NONE: the event log stays on standard output (or syslog, with "
                            + "SyslogFacility)");
                } else {
                    s.systemLog = Optional.of(Path.of(absolute(d, value))); // opened at start: a failure stops it
                }
            }
            case "showsymlinks" -> {
                if (Values.onOff(d)) {
                    notice(d, "ShowSymlinks on: Ferry lists a symbolic link as what it points to (as ShowSymlinks "
                            + "off), and leaves out links that lead outside the user's root");
                }
            }
            case "delayengine" -> {
                Values.onOff(d);
                notice(d, "DelayEngine changes nothing: Ferry always evens out login timing (an unknown user's "
                        + "password is checked against a dummy hash) and delays every failed login");
            }
            case "modulepath" -> notice(d, "ModulePath changes nothing: Ferry's modules are built in");
            case "modulecontrolsacls" -> notice(d, "ModuleControlsACLs changes nothing: Ferry has no mod_ctrls; "
                    + "its admin commands (ferry reload, ...) use the socket in its data directory");
            case "loadmodule" -> {
                String module = Values.one(d);
                if (!ParseOptions.standard().hasModule(module)) {
                    if (firstForeignModule == null) {
                        firstForeignModule = d;
                    }
                    foreignModules.add(module);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void readAnonymous(ServerDraft s, Section section) throws Values.Invalid {
        if (section.args().size() != 1) {
            throw new Values.Invalid("<Anonymous> takes one directory, e.g. <Anonymous ~ftp>");
        }
        String dir = expandUser(section, section.args().getFirst());
        if (!dir.startsWith("/")) {
            throw new Values.Invalid("<Anonymous> needs an absolute directory or ~user, not '" + dir + "'");
        }
        ServerDraft.AnonymousDraft a = new ServerDraft.AnonymousDraft(Path.of(dir).normalize());
        for (ConfigNode node : section.children()) {
            try {
                if (node instanceof Section inner) {
                    switch (inner.name().toLowerCase(Locale.ROOT)) {
                        case "directory" -> directory(inner, a.directories, Optional.of(a.root));
                        case "limit" -> a.limits.add(limit(inner));
                        default -> error(inner, "<" + inner.name() + "> is not allowed inside <Anonymous>");
                    }
                    continue;
                }
                if (a.files.read(node) || a.ratios.read(node)) {
                    continue;
                }
                switch (node.name().toLowerCase(Locale.ROOT)) {
                    case "user" -> a.account = Values.one(node);
                    case "group" -> a.group = Optional.of(Values.one(node));
                    case "useralias" -> {
                        Values.count(node, 2, 2);
                        a.aliases.add(node.args().get(0));
                    }
                    case "authaliasonly" -> a.authAliasOnly = Values.onOff(node);
                    case "anonrequirepassword" -> a.requirePassword = Values.onOff(node);
                    case "requirevalidshell" -> Values.onOff(node); // anonymous areas never ask for a shell
                    case "useftpusers" -> useFtpUsers(node);
                    case "displaylogin" -> a.displayLogin = Optional.of(Values.one(node));
                    case "accessgrantmsg" -> a.accessGrant = Optional.of(Values.one(node));
                    case "displaychdir" -> a.displayChdir = Optional.of(a.files.displayChdir(node));
                    case "maxclients" -> {
                        a.maxClients = maxClients(node);
                        a.maxClientsText = refusalText(node);
                    }
                    case "transferrate" -> a.rates = Optional.of(TransferRateDirective.apply(node,
                            a.rates.orElse(TransferRates.NONE)));
                    default -> unknown(node, "<Anonymous>");
                }
            } catch (Values.Invalid | IllegalArgumentException e) {
                error(node, e.getMessage());
            }
        }
        if (a.account == null) {
            error(section, "<Anonymous> needs a User line: the login name that enters the area");
            return;
        }
        if (a.rates.isPresent()) {
            if (s.anonymousRates.isPresent() && !s.anonymousRates.equals(a.rates)) {
                error(section, "TransferRate differing between the <Anonymous> areas of one server is not supported "
                        + "yet");
            }
            s.anonymousRates = a.rates;
        }
        s.anonymous.add(a);
    }

    /**
     * A {@code <Directory>}: absolute, {@code ~}, {@code ~user}; inside {@code <Anonymous>} also
     * relative to the area (FAQ ch. 5 §3, {@code <Directory pub/incoming/>}) and {@code *}.
     */
    private void directory(Section section, List<DirectoryConfig> into, Optional<Path> anonymousRoot)
            throws Values.Invalid {
        if (section.args().size() != 1) {
            throw new Values.Invalid("<Directory> takes one path");
        }
        String path = expandUser(section, section.args().getFirst());
        if (!path.startsWith("/") && !path.startsWith("~")) {
            if (anonymousRoot.isEmpty()) {
                throw new Values.Invalid("<Directory " + path + ">: a relative path is only allowed inside "
                        + "<Anonymous>; use an absolute path or ~");
            }
            path = path.equals("*") ? anonymousRoot.get() + "/*" : anonymousRoot.get().resolve(path).toString();
        }
        FileDraft files = new FileDraft();
        List<LimitSection> limits = new ArrayList<>();
        Optional<String> chdir = Optional.empty();
        for (ConfigNode node : section.children()) {
            try {
                if (node instanceof Section inner) {
                    if (inner.name().equalsIgnoreCase("Limit")) {
                        LimitSection limit = limit(inner);
                        if (limit.targets().contains("LOGIN")) {
                            // ProFTPD FAQ ch. 5 §11: nobody logs in to a directory
                            error(inner, "<Limit LOGIN> has no meaning inside <Directory>; put it in the server "
                                    + "or <Anonymous> context");
                        }
                        limits.add(limit);
                    } else {
                        error(inner, "<" + inner.name() + "> is not allowed inside <Directory>");
                    }
                } else if (node.name().equalsIgnoreCase("DisplayChdir")) {
                    chdir = Optional.of(files.displayChdir(node));
                } else if (!files.read(node)) {
                    unknown(node, "<Directory>");
                }
            } catch (Values.Invalid | IllegalArgumentException e) {
                error(node, e.getMessage());
            }
        }
        into.add(new DirectoryConfig(path, files.overrides(), new LimitContext(limits), chdir));
    }

    private LimitSection limit(Section section) {
        return LimitReader.read(section, verbs, p -> error(p.node(), p.message()));
    }

    /**
     * {@code UseFtpUsers} (mod_auth): {@code off} is what Ferry does anyway, since it never reads
     * /etc/ftpusers (the ProFTPD FAQ, ch. 5 §15, turns it off when the anonymous account is
     * listed there).
     */
    private void useFtpUsers(ConfigNode d) throws Values.Invalid {
        if (Values.onOff(d)) {
            throw new Values.Invalid("UseFtpUsers on is not supported yet (/etc/ftpusers is never read); use off");
        }
        notice(d, "UseFtpUsers off: Ferry never reads /etc/ftpusers");
    }

    /**
     * mod_ifsession's {@code <IfUser NAMES>} and {@code <IfGroup NAMES>} (an OR list, {@code !}
     * negates), for a TLS level of those accounts' own: {@code TLSRequired} is the one directive
     * they may hold so far. The first block that applies to an account decides its level.
     */
    private void readIfAccount(ServerDraft s, Section section) throws Values.Invalid {
        if (section.args().isEmpty()) {
            throw new Values.Invalid("<" + section.name() + "> needs one or more names");
        }
        boolean users = section.name().equalsIgnoreCase("IfUser");
        List<String> args = section.args();
        String keyword = args.getFirst().toLowerCase(Locale.ROOT);
        if (keyword.equals("and") || keyword.equals("regex")) {
            throw new Values.Invalid("<" + section.name() + " " + args.getFirst() + " ...> is not supported yet; list "
                    + "the names (any of them matches)");
        }
        String names = String.join(",", keyword.equals("or") ? args.subList(1, args.size()) : args);
        if (names.isEmpty()) {
            throw new Values.Invalid("<" + section.name() + "> needs one or more names");
        }
        for (ConfigNode node : section.children()) {
            if (node instanceof Section || !node.name().equalsIgnoreCase("TLSRequired")) {
                error(node, node.name() + " inside <" + section.name() + "> is not supported yet (only TLSRequired)");
                continue;
            }
            try {
                TlsLevel level = TlsDirectives.required(node);
                s.tls.require(users ? TlsRequirement.forUsers(names, level) : TlsRequirement.forGroups(names, level));
            } catch (Values.Invalid | IllegalArgumentException e) {
                error(node, e.getMessage());
            }
        }
    }

    /**
     * The NAT howto's per-class MasqueradeAddress (mod_ifsession): {@code <IfClass internal>}
     * for the clients of a class, {@code <IfClass !internal>} for every other client.
     */
    private void readIfClass(ServerDraft s, Section section) throws Values.Invalid {
        if (section.args().size() != 1) {
            throw new Values.Invalid("<IfClass> takes one class name");
        }
        String arg = section.args().getFirst();
        boolean negated = arg.startsWith("!");
        String className = negated ? arg.substring(1) : arg;
        if (className.isEmpty() || className.startsWith("!")) {
            throw new Values.Invalid("<IfClass> takes a class name or !name, not '" + arg + "'");
        }
        for (ConfigNode node : section.children()) {
            if (!node.name().equalsIgnoreCase("MasqueradeAddress") || node instanceof Section) {
                error(node, node.name() + " inside <IfClass " + arg + "> is not supported yet "
                        + "(only MasqueradeAddress)");
                continue;
            }
            try {
                String address = Values.one(node);
                if (!negated) {
                    s.classMasquerade.put(className, address);
                } else if (s.classExclusion.isPresent() && !s.classExclusion.get().className().equals(className)) {
                    error(node, "a second <IfClass !NAME> with MasqueradeAddress in one server is not supported yet");
                } else {
                    s.classExclusion = Optional.of(new ServerDraft.ClassExclusion(className, address, node));
                }
            } catch (Values.Invalid e) {
                error(node, e.getMessage());
            }
        }
    }

    /**
     * Under {@code <IfClass !NAME>} the clients of NAME keep their own {@code <IfClass NAME>}
     * address or the server's MasqueradeAddress; with neither they would need the plain local
     * address, which Ferry cannot yet give to one class while masquerading for the others.
     */
    private void checkClassExclusion(ServerDraft s) {
        s.classExclusion.ifPresent(e -> {
            if (!s.classMasquerade.containsKey(e.className()) && s.masquerade.isEmpty()) {
                error(e.at(), "<IfClass !" + e.className() + "> with MasqueradeAddress needs a MasqueradeAddress for "
                        + "class " + e.className() + " too (in <IfClass " + e.className() + "> or for the whole "
                        + "server); advertising the local address to one class only is not supported yet");
            }
        });
    }

    private void readClass(Section section) {
        if (section.args().size() != 1) {
            error(section, "<Class> takes one name");
            return;
        }
        List<AddressPattern> from = new ArrayList<>();
        boolean satisfyAll = false;
        for (ConfigNode node : section.children()) {
            try {
                switch (node.name().toLowerCase(Locale.ROOT)) {
                    case "from" -> {
                        Values.count(node, 1, Integer.MAX_VALUE);
                        for (String arg : node.args()) {
                            for (String part : arg.split(",")) {
                                if (!part.isBlank()) {
                                    from.add(AddressPattern.parse(part.trim()));
                                }
                            }
                        }
                    }
                    case "satisfy" -> {
                        String v = Values.one(node).toLowerCase(Locale.ROOT);
                        if (!v.equals("any") && !v.equals("all")) {
                            throw new Values.Invalid("Satisfy takes any or all");
                        }
                        satisfyAll = v.equals("all");
                    }
                    default -> error(node, node.name() + " is not allowed inside <Class> (there: From, Satisfy)");
                }
            } catch (Values.Invalid | IllegalArgumentException e) {
                error(node, e.getMessage());
            }
        }
        classes.add(new ClientClass(section.args().getFirst(), from, satisfyAll));
    }

    private void virtualHostAddresses(Section vhost, ServerDraft draft) {
        if (vhost.args().isEmpty()) {
            error(vhost, "<VirtualHost> takes one or more addresses or host names");
        }
        for (String arg : vhost.args()) {
            try {
                if (!looksLikeAddress(arg)) {
                    draft.hostNames.add(arg);
                }
                draft.addresses.addAll(resolve(vhost, arg));
            } catch (Values.Invalid e) {
                error(vhost, e.getMessage());
            }
        }
    }

    // ---- values ----------------------------------------------------------------------------

    private static boolean looksLikeAddress(String text) {
        return text.matches("[0-9.]+") || text.contains(":");
    }

    private static List<InetAddress> resolve(ConfigNode d, String host) throws Values.Invalid {
        try {
            return List.of(InetAddress.getAllByName(host.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            throw new Values.Invalid("cannot resolve '" + host + "' to an address");
        }
    }

    /** {@code MaxClients* number|none [message]}: the number; 0 for none. */
    private static int maxClients(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, 2);
        String v = d.args().getFirst();
        return v.equalsIgnoreCase("none") ? 0 : Values.count(d, v, 1);
    }

    /** The optional message of {@code MaxClients*}, sent instead of the standard refusal. */
    private static Optional<String> refusalText(ConfigNode d) throws Values.Invalid {
        if (d.args().size() < 2) {
            return Optional.empty();
        }
        String text = d.args().get(1);
        if (text.isBlank() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new Values.Invalid(d.name() + " message must be one line of printable text");
        }
        return Optional.of(text);
    }

    /**
     * {@code AuthUserFile}/{@code AuthGroupFile}: an absolute path to a file that exists and that
     * nobody but its owner and group can write (as mod_auth_file insists: whoever can write it
     * can make any account).
     */
    private Path accountFile(ConfigNode d) throws Values.Invalid {
        Path file = Path.of(absolute(d, Values.one(d)));
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Values.Invalid(d.name() + ": " + file + " is not a file");
        }
        try {
            if (java.nio.file.Files.getPosixFilePermissions(file)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                throw new Values.Invalid(d.name() + ": " + file + " is world-writable; anyone could add an account "
                        + "(chmod o-w it)");
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new Values.Invalid(d.name() + ": cannot check " + file + ": " + e.getMessage());
        }
        return file;
    }

    private String absolute(ConfigNode d, String path) throws Values.Invalid {
        String expanded = expandUser(d, path);
        if (!expanded.startsWith("/")) {
            throw new Values.Invalid(d.name() + " needs an absolute path, not '" + path + "'");
        }
        return expanded;
    }

    /** {@code ~user} and {@code ~user/sub} become that user's home; a bare {@code ~} stays (expanded at login). */
    private String expandUser(ConfigNode d, String path) throws Values.Invalid {
        if (!path.startsWith("~") || path.equals("~") || path.startsWith("~/")) {
            return path;
        }
        int slash = path.indexOf('/');
        String user = slash < 0 ? path.substring(1) : path.substring(1, slash);
        Path home = homes.apply(user).orElseThrow(() -> new Values.Invalid("~" + user
                + ": no such user (neither a Ferry user nor a system account)"));
        return slash < 0 ? home.toString() : home.resolve(path.substring(slash + 1)).toString();
    }

    private void requireNoArgs(Section s) {
        if (!s.args().isEmpty()) {
            error(s, "<" + s.name() + "> takes no arguments");
        }
    }

    private void unknown(ConfigNode node, String where) {
        error(node, DirectiveNames.unknownMessage(node.name(), where));
    }

    private void error(ConfigNode node, String message) {
        errors.add(new ConfigError(node.at(), message));
    }

    private void notice(ConfigNode node, String message) {
        notices.add(new ConfigError(node.at(), message));
    }
}
