package dev.ferry.config.proftpd;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchScope;
import dev.ferry.auth.ldap.FilterTemplate;
import dev.ferry.auth.ldap.LdapSettings;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.config.file.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ProFTPD mod_ldap's directives for one server (server config, {@code <VirtualHost>},
 * {@code <Global>}), as doc/contrib/mod_ldap.html of ProFTPD 1.3.8 defines them: where the
 * directory is ({@code LDAPServer}, with its {@code ssl-ca:} and {@code ssl-verify:} options,
 * {@code LDAPUseTLS}), who searches it ({@code LDAPBindDN}), where the accounts and their groups
 * are ({@code LDAPUsers}, {@code LDAPGroups}, {@code LDAPSearchScope}, {@code LDAPAttr},
 * {@code LDAPAliasDereference}), how passwords are checked ({@code LDAPAuthBinds},
 * {@code LDAPDefaultAuthScheme}), homes for entries without one ({@code LDAPGenerateHomedir},
 * {@code LDAPGenerateHomedirPrefix}, {@code LDAPGenerateHomedirPrefixNoUsername},
 * {@code LDAPForceGeneratedHomedir}) and timeouts ({@code LDAPQueryTimeout},
 * {@code LDAPConnectTimeout}). The uid and gid directives are accepted with a notice, as Ferry
 * runs as one system user; SASL, client certificates, quotas from the directory and the
 * directives of mod_ldap before 1.3.5 are refused by name. A later directive replaces an
 * earlier one, so a {@code <VirtualHost>}'s own line wins over {@code <Global>}'s.
 *
 * <p>LDAP accounts are on when {@code LDAPServer} and {@code LDAPUsers} are both given.
 */
final class LdapDirectives {
    /** A setting that cannot stand, or one that changes nothing, and the line to blame. */
    record Problem(ConfigNode at, String message) {
    }

    /** The attributes LDAPAttr may rename (mod_ldap's set_ldapattr), by lower-case name. */
    private static final List<String> RENAMEABLE = List.of("uid", "uidNumber", "gidNumber", "homeDirectory",
            "userPassword", "loginShell", "cn", "memberUid", "ftpQuota", "ftpQuotaProfileDN");

    /** mod_ldap's directives before ProFTPD 1.3.5, and what replaced them. */
    private static final Map<String, String> REPLACED = Map.of(
            "ldapdoauth", "LDAPUsers base-dn [filter]",
            "ldapdouidlookups", "LDAPUsers base-dn [name-filter [uid-filter]]",
            "ldapdogidlookups", "LDAPGroups base-dn [cn-filter [gid-filter [member-filter]]]",
            "ldapdninfo", "LDAPBindDN dn password",
            "ldapusessl", "LDAPServer ldaps://host:port",
            "ldaphomedirondemand", "LDAPGenerateHomedir on",
            "ldaphomedirondemandprefix", "LDAPGenerateHomedirPrefix",
            "ldaphomedirondemandsuffix", "nothing (there is no replacement)",
            "ldapdoquotalookups", "nothing Ferry has (LDAP quotas are not supported yet)",
            "ldapnegativecache", "nothing (there is no replacement)");

    private List<LdapSettings.Server> servers = List.of();
    private ConfigNode serverAt;
    private Optional<LdapSettings.Scope> urlScope = Optional.empty();
    private Optional<Path> caFile = Optional.empty();
    private boolean verify = true;
    private Optional<LdapSettings.Credentials> bind = Optional.empty();
    private String userBase;
    private Optional<FilterTemplate> userFilter = Optional.empty();
    private ConfigNode usersAt;
    private String groupBase;
    private Optional<FilterTemplate> memberFilter = Optional.empty();
    private boolean authBinds = true;
    private LdapSettings.Scope scope = LdapSettings.Scope.SUB;
    private ConfigNode scopeAt;
    private Boolean useTls;
    private ConfigNode useTlsAt;
    private LdapSettings.Attributes attributes = LdapSettings.Attributes.RFC2307;
    private String memberUid = "memberUid";
    private boolean generateHome;
    private ConfigNode generateAt;
    private Optional<Path> prefix = Optional.empty();
    private ConfigNode prefixAt;
    private boolean prefixOnly;
    private boolean forceGenerated;
    private ConfigNode forceAt;
    private Duration queryTimeout = LdapSettings.DEFAULT_TIMEOUT;
    private Duration connectTimeout = LdapSettings.DEFAULT_TIMEOUT;
    private LdapSettings.Dereference dereference = LdapSettings.Dereference.NEVER;
    private PasswordFormat unschemed = PasswordFormat.CRYPT;
    /** The first LDAP directive read, for the notice when LDAP is not switched on. */
    private ConfigNode firstAt;

    /**
     * Reads {@code d} if it is one of mod_ldap's directives.
     *
     * @param notice what to tell the operator about a setting accepted that changes nothing
     * @return false when {@code d} is not an LDAP directive
     */
    boolean read(ConfigNode d, Consumer<String> notice) throws Values.Invalid {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (!name.startsWith("ldap")) {
            return false;
        }
        switch (name) {
            case "ldapserver" -> server(d, notice);
            case "ldapbinddn" -> bind(d);
            case "ldapusers" -> {
                Values.count(d, 1, 3);
                userBase = baseDn(d);
                userFilter = d.args().size() > 1 ? Optional.of(filter(d, 1)) : Optional.empty();
                if (d.args().size() > 2) {
                    filter(d, 2);
                    notice.accept("LDAPUsers: the uid filter (uid-to-name lookups for directory listings) is not "
                            + "used; listings show Ferry's own owner names");
                }
                usersAt = d;
            }
            case "ldapgroups" -> {
                Values.count(d, 1, 4);
                groupBase = baseDn(d);
                for (int i = 1; i < d.args().size(); i++) {
                    filter(d, i);
                }
                if (d.args().size() == 2 || d.args().size() == 3) {
                    notice.accept("LDAPGroups: the cn and gid filters (for directory listings) are not used; a "
                            + "login's groups come from the fourth value, the member filter, which is left at "
                            + "its default here");
                }
                memberFilter = d.args().size() == 4 ? Optional.of(filter(d, 3)) : Optional.empty();
            }
            case "ldapauthbinds" -> authBinds = Values.onOff(d);
            case "ldapsearchscope" -> {
                scope = scope(d, Values.one(d));
                scopeAt = d;
            }
            case "ldapusetls" -> {
                useTls = Values.onOff(d);
                useTlsAt = d;
            }
            case "ldapattr" -> attribute(d, notice);
            case "ldapgeneratehomedir" -> {
                generateHome = Values.onOff(d);
                generateAt = d;
            }
            case "ldapgeneratehomedirprefix" -> {
                String path = Values.one(d);
                if (!path.startsWith("/")) {
                    throw new Values.Invalid(d.name() + " needs an absolute directory, not '" + path + "'");
                }
                prefix = Optional.of(Path.of(path).normalize());
                prefixAt = d;
            }
            case "ldapgeneratehomedirprefixnousername" -> prefixOnly = Values.onOff(d);
            case "ldapforcegeneratedhomedir" -> {
                forceGenerated = Values.onOff(d);
                forceAt = d;
            }
            case "ldapquerytimeout" -> queryTimeout = timeout(d);
            case "ldapconnecttimeout" -> connectTimeout = timeout(d);
            case "ldapprotocolversion" -> {
                String version = Values.one(d);
                if (!version.equals("3")) {
                    throw new Values.Invalid("LDAPProtocolVersion " + version + " is not supported: Ferry speaks "
                            + "LDAPv3 only (LDAPv2 is historic, RFC 3494)");
                }
            }
            case "ldapdefaultuid", "ldapdefaultgid" -> {
                String id = Values.one(d);
                if (!id.matches("[0-9]{1,10}")) {
                    throw new Values.Invalid(d.name() + " takes a number, not '" + id + "'");
                }
                notice.accept(d.name() + " changes nothing: Ferry runs as one system user, which owns every file "
                        + "its users store");
            }
            case "ldapforcedefaultuid", "ldapforcedefaultgid" -> {
                Values.onOff(d);
                notice.accept(d.name() + " changes nothing: Ferry runs as one system user, which owns every file "
                        + "its users store");
            }
            case "ldapdefaultauthscheme" -> {
                String scheme = Values.one(d);
                unschemed = switch (scheme.toLowerCase(Locale.ROOT)) {
                    case "crypt" -> PasswordFormat.CRYPT;
                    case "clear" -> PasswordFormat.PLAINTEXT;
                    default -> throw new Values.Invalid("LDAPDefaultAuthScheme takes crypt or clear, not '"
                            + scheme + "'");
                };
            }
            case "ldapaliasdereference" -> {
                String value = Values.one(d);
                dereference = switch (value.toLowerCase(Locale.ROOT)) {
                    case "never" -> LdapSettings.Dereference.NEVER;
                    case "search" -> LdapSettings.Dereference.SEARCHING;
                    case "find" -> LdapSettings.Dereference.FINDING;
                    case "always" -> LdapSettings.Dereference.ALWAYS;
                    default -> throw new Values.Invalid("LDAPAliasDereference takes never, search, find or always, "
                            + "not '" + value + "'");
                };
            }
            case "ldaplog" -> {
                Values.one(d);
                notice.accept("LDAPLog: LDAP events go to the main log");
            }
            case "ldapusesasl" -> throw new Values.Invalid("LDAPUseSASL is not supported yet: Ferry binds with a DN "
                    + "and password (LDAPBindDN)");
            case "ldapdefaultquota" -> throw new Values.Invalid("LDAPDefaultQuota is not supported yet: quotas are "
                    + "not read from the directory");
            default -> {
                String replacement = REPLACED.get(name);
                if (replacement == null) {
                    return false;
                }
                throw new Values.Invalid(d.name() + " is mod_ldap's syntax before ProFTPD 1.3.5; use "
                        + replacement);
            }
        }
        if (firstAt == null) {
            firstAt = d;
        }
        return true;
    }

    /**
     * {@code LDAPServer host[:port]|url ...}, several in one quoted value or one per argument,
     * each optionally followed by {@code ssl-ca:FILE} and {@code ssl-verify:on|off}.
     */
    private void server(ConfigNode d, Consumer<String> notice) throws Values.Invalid {
        Values.count(d, 1, Integer.MAX_VALUE);
        List<LdapSettings.Server> read = new ArrayList<>();
        Optional<LdapSettings.Scope> scopeOfUrls = Optional.empty();
        Optional<Path> ca = Optional.empty();
        Boolean verified = null;
        for (String arg : d.args()) {
            for (String item : arg.strip().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                String option = item.toLowerCase(Locale.ROOT);
                if (option.startsWith("ssl-")) {
                    if (read.isEmpty()) {
                        throw new Values.Invalid("LDAPServer: " + item + " belongs after the server it is for");
                    }
                    int colon = item.indexOf(':');
                    String value = colon < 0 ? "" : item.substring(colon + 1);
                    String key = colon < 0 ? option : option.substring(0, colon);
                    switch (key) {
                        case "ssl-ca" -> {
                            if (!value.startsWith("/")) {
                                throw new Values.Invalid("LDAPServer ssl-ca: needs an absolute file, not '" + value
                                        + "'");
                            }
                            Path file = Path.of(value).normalize();
                            if (ca.isPresent() && !ca.get().equals(file)) {
                                throw new Values.Invalid("LDAPServer: one ssl-ca: file for all servers is supported, "
                                        + "not " + ca.get() + " and " + file);
                            }
                            ca = Optional.of(file);
                        }
                        case "ssl-verify" -> {
                            boolean on = switch (value.toLowerCase(Locale.ROOT)) {
                                case "on", "yes", "true", "1", "demand", "hard", "try" -> true;
                                case "off", "no", "false", "0", "never", "allow" -> false;
                                default -> throw new Values.Invalid("LDAPServer ssl-verify: takes on or off (or "
                                        + "demand, hard, try, allow, never), not '" + value + "'");
                            };
                            if (verified != null && verified != on) {
                                throw new Values.Invalid("LDAPServer: one ssl-verify: setting for all servers is "
                                        + "supported");
                            }
                            verified = on;
                        }
                        case "ssl-cert", "ssl-key" -> throw new Values.Invalid("LDAPServer " + key + ": client "
                                + "certificates for LDAP are not supported yet");
                        case "ssl-ciphers" -> throw new Values.Invalid("LDAPServer ssl-ciphers: is not supported yet: "
                                + "the JDK's TLS 1.2 and 1.3 cipher suites are used");
                        default -> throw new Values.Invalid("LDAPServer: unknown option '" + item + "'");
                    }
                    continue;
                }
                if (item.contains("://")) {
                    Url url = url(item);
                    read.add(url.server());
                    if (url.scope().isPresent()) {
                        if (scopeOfUrls.isPresent() && scopeOfUrls.get() != url.scope().get()) {
                            throw new Values.Invalid("LDAPServer: the URLs give different search scopes; one scope for "
                                    + "all servers is supported");
                        }
                        scopeOfUrls = url.scope();
                    }
                } else {
                    read.add(hostAndPort(item));
                }
            }
        }
        if (read.isEmpty()) {
            throw new Values.Invalid("LDAPServer needs a host or an ldap:// or ldaps:// URL");
        }
        if (Boolean.FALSE.equals(verified)) {
            notice.accept("LDAPServer ssl-verify:off: the directory's certificate is not checked, so anyone on the "
                    + "path to it can pose as the directory and read the passwords checked against it");
        }
        servers = List.copyOf(read);
        urlScope = scopeOfUrls;
        caFile = ca;
        verify = verified == null || verified;
        serverAt = d;
    }

    private record Url(LdapSettings.Server server, Optional<LdapSettings.Scope> scope) {
    }

    private static Url url(String item) throws Values.Invalid {
        LDAPURL url;
        try {
            url = new LDAPURL(item);
        } catch (LDAPException e) {
            throw new Values.Invalid("LDAPServer: invalid LDAP URL '" + item + "': " + e.getMessage());
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new Values.Invalid("LDAPServer: invalid scheme in '" + item + "': valid schemes are 'ldap' or "
                    + "'ldaps'");
        }
        if (!url.hostProvided()) {
            throw new Values.Invalid("LDAPServer: the URL '" + item + "' names no host");
        }
        if (url.baseDNProvided() && !url.getBaseDN().isNullDN()) {
            throw new Values.Invalid("LDAPServer: " + item + ": a base DN may not be specified by an LDAPServer URL, "
                    + "only by LDAPUsers or LDAPGroups");
        }
        if (url.filterProvided()) {
            throw new Values.Invalid("LDAPServer: " + item + ": a search filter may not be specified by an "
                    + "LDAPServer URL, only by LDAPUsers or LDAPGroups");
        }
        Optional<LdapSettings.Scope> scope = Optional.empty();
        if (url.scopeProvided()) {
            SearchScope s = url.getScope();
            if (s == SearchScope.BASE) {
                scope = Optional.of(LdapSettings.Scope.BASE);
            } else if (s == SearchScope.ONE) {
                scope = Optional.of(LdapSettings.Scope.ONE);
            } else if (s == SearchScope.SUB) {
                scope = Optional.of(LdapSettings.Scope.SUB);
            } else {
                throw new Values.Invalid("LDAPServer: the scope of '" + item + "' is not base, one or sub");
            }
        }
        try {
            return new Url(new LdapSettings.Server(scheme.equals("ldaps"), url.getHost(), url.getPort()), scope);
        } catch (IllegalArgumentException e) {
            throw new Values.Invalid("LDAPServer: " + e.getMessage());
        }
    }

    private static LdapSettings.Server hostAndPort(String item) throws Values.Invalid {
        int colon = item.indexOf(':');
        if (colon >= 0 && colon != item.lastIndexOf(':')) {
            throw new Values.Invalid("LDAPServer: write an IPv6 address as a URL, ldap://[" + item + "]");
        }
        String host = colon < 0 ? item : item.substring(0, colon);
        int port = LdapSettings.Server.LDAP_PORT;
        if (colon >= 0) {
            String digits = item.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) == 0) {
                throw new Values.Invalid("LDAPServer: unable to parse '" + digits + "' as a port number for '" + item
                        + "'");
            }
            port = Integer.parseInt(digits);
        }
        try {
            return new LdapSettings.Server(false, host, port);
        } catch (IllegalArgumentException e) {
            throw new Values.Invalid("LDAPServer: " + e.getMessage());
        }
    }

    /** {@code LDAPBindDN dn password}; {@code LDAPBindDN "" ""} is mod_ldap's way to say anonymous. */
    private void bind(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, 2);
        String dn = d.args().getFirst();
        String password = d.args().size() > 1 ? d.args().get(1) : "";
        if (dn.isEmpty() && password.isEmpty()) {
            bind = Optional.empty();
            return;
        }
        try {
            bind = Optional.of(new LdapSettings.Credentials(dn, password));
        } catch (IllegalArgumentException e) {
            throw new Values.Invalid("LDAPBindDN: " + e.getMessage());
        }
    }

    private void attribute(ConfigNode d, Consumer<String> notice) throws Values.Invalid {
        Values.count(d, 2, 2);
        String old = d.args().getFirst();
        String renamed = d.args().get(1);
        String known = RENAMEABLE.stream().filter(a -> a.equalsIgnoreCase(old)).findFirst()
                .orElseThrow(() -> new Values.Invalid("LDAPAttr: unknown attribute name: " + old + " (mod_ldap renames "
                        + String.join(", ", RENAMEABLE) + ")"));
        if (!LdapSettings.isAttributeName(renamed)) {
            throw new Values.Invalid("LDAPAttr: invalid attribute name '" + renamed + "'");
        }
        switch (known) {
            case "uid" -> attributes = attributes.withUid(renamed);
            case "homeDirectory" -> attributes = attributes.withHomeDirectory(renamed);
            case "userPassword" -> attributes = attributes.withUserPassword(renamed);
            case "cn" -> attributes = attributes.withGroupName(renamed);
            case "memberUid" -> memberUid = renamed;
            case "ftpQuota", "ftpQuotaProfileDN" -> notice.accept("LDAPAttr " + known + " changes nothing: quotas "
                    + "are not read from the directory");
            default -> notice.accept("LDAPAttr " + known + " changes nothing: Ferry does not read " + known
                    + " (it runs as one system user, and its accounts have no shell)");
        }
    }

    private static String baseDn(ConfigNode d) throws Values.Invalid {
        String base = d.args().getFirst();
        if (base.equalsIgnoreCase("on") || base.equalsIgnoreCase("off")) {
            throw new Values.Invalid(d.name() + ": the first value must be the base DN, not on/off (the on/off form "
                    + "is mod_ldap's syntax before ProFTPD 1.3.5)");
        }
        if (!DN.isValidDN(base)) {
            throw new Values.Invalid(d.name() + ": '" + base + "' is not a valid DN (RFC 4514)");
        }
        return base;
    }

    private static FilterTemplate filter(ConfigNode d, int index) throws Values.Invalid {
        try {
            return new FilterTemplate(d.args().get(index));
        } catch (IllegalArgumentException e) {
            throw new Values.Invalid(d.name() + ": " + e.getMessage());
        }
    }

    private static LdapSettings.Scope scope(ConfigNode d, String value) throws Values.Invalid {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "base" -> LdapSettings.Scope.BASE;
            case "one", "onelevel" -> LdapSettings.Scope.ONE;
            case "sub", "subtree" -> LdapSettings.Scope.SUB;
            default -> throw new Values.Invalid(d.name() + ": search scope must be one of: base, onelevel, subtree; "
                    + "not '" + value + "'");
        };
    }

    private static Duration timeout(ConfigNode d) throws Values.Invalid {
        String value = Values.one(d);
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 300) {
            throw new Values.Invalid(d.name() + " takes a number of seconds from 1 to 300, not '" + value + "'");
        }
        return Duration.ofSeconds(Integer.parseInt(value));
    }

    /** What is wrong with these settings as a whole, once the context is read. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (serverAt != null && usersAt == null) {
            problems.add(new Problem(serverAt, "LDAPServer without LDAPUsers: name the base DN of the accounts "
                    + "(LDAPUsers base-dn [filter])"));
        }
        if (usersAt != null && serverAt == null) {
            problems.add(new Problem(usersAt, "LDAPUsers without LDAPServer: name the directory (Ferry does not read "
                    + "the LDAP library's ldap.conf)"));
        }
        if (forceGenerated && !generateHome) {
            problems.add(new Problem(forceAt, "LDAPForceGeneratedHomedir on needs LDAPGenerateHomedir on"));
        }
        if (generateHome && prefix.isEmpty()) {
            problems.add(new Problem(generateAt, "LDAPGenerateHomedir on needs LDAPGenerateHomedirPrefix"));
        }
        if (problems.isEmpty() && serverAt != null) {
            try {
                build();
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(serverAt, e.getMessage()));
            }
        }
        return problems;
    }

    /** Settings that were accepted but change nothing, once the context is read. */
    List<Problem> notices() {
        List<Problem> notices = new ArrayList<>();
        if (serverAt == null && usersAt == null && firstAt != null) {
            notices.add(new Problem(firstAt, "LDAP directives have no effect without LDAPServer and LDAPUsers"));
        }
        if (prefixAt != null && !generateHome) {
            notices.add(new Problem(prefixAt, "LDAPGenerateHomedirPrefix has no effect without LDAPGenerateHomedir "
                    + "on"));
        }
        if (scopeAt != null && urlScope.isPresent() && urlScope.get() != scope) {
            notices.add(new Problem(scopeAt, "LDAPSearchScope is overridden by the scope in the LDAPServer URL ("
                    + urlScope.get().name().toLowerCase(Locale.ROOT) + ")"));
        }
        if (useTlsAt != null && !servers.isEmpty() && servers.stream().allMatch(LdapSettings.Server::ldaps)) {
            notices.add(new Problem(useTlsAt, "LDAPUseTLS changes nothing for ldaps:// servers, which speak TLS from "
                    + "the start"));
        }
        return notices;
    }

    /**
     * The LDAP account source of this server: empty when neither {@code LDAPServer} nor
     * {@code LDAPUsers} was given, and when {@link #problems()} has something to say.
     */
    Optional<LdapSettings> settings() {
        if (serverAt == null || usersAt == null || !problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(build());
    }

    private LdapSettings build() {
        FilterTemplate users = userFilter.orElseGet(() -> new FilterTemplate("(&(" + attributes.uid()
                + "=%u)(objectclass=posixAccount))"));
        Optional<LdapSettings.GroupSearch> groups = Optional.ofNullable(groupBase).map(base ->
                new LdapSettings.GroupSearch(base, memberFilter.orElseGet(() -> new FilterTemplate("(&(" + memberUid
                        + "=%u)(objectclass=posixGroup))"))));
        Optional<LdapSettings.GeneratedHome> home = generateHome
                ? prefix.map(p -> new LdapSettings.GeneratedHome(p, !prefixOnly, forceGenerated)) : Optional.empty();
        return new LdapSettings(servers, Boolean.TRUE.equals(useTls), verify, caFile, bind, userBase, users,
                urlScope.orElse(scope), dereference,
                authBinds ? LdapSettings.Method.BIND : LdapSettings.Method.COMPARE, unschemed, attributes, groups,
                home, LdapSettings.LimitAttributes.NONE, connectTimeout, queryTimeout);
    }
}
