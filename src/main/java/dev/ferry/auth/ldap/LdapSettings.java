package dev.ferry.auth.ldap;

import com.unboundid.ldap.sdk.DN;
import dev.ferry.auth.password.PasswordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything an LDAP account source needs: where the directory is, how to reach it safely, where
 * the accounts are and how a password is checked. It is what ProFTPD's mod_ldap directives
 * ({@code LDAPServer}, {@code LDAPUsers}, {@code LDAPAuthBinds}, ...) and Pure-FTPd's
 * {@code ldap.conf} ({@code LDAPServer}, {@code LDAPBaseDN}, {@code LDAPFilter}, ...) both come
 * down to; the accounts are RFC 2307 {@code posixAccount} entries (or anything a filter finds).
 *
 * @param servers           the directory servers, tried in this order (failover); at least one
 * @param startTls          StartTLS (RFC 4513 §3) on every {@code ldap://} server before anything
 *                          else is sent (ProFTPD's {@code LDAPUseTLS}, Pure-FTPd's
 *                          {@code LDAPUseTLS True}); an {@code ldaps://} server speaks TLS from the
 *                          start and ignores it. There is no fallback to plain text.
 * @param verifyCertificate whether the server's certificate must chain to a trusted CA and name
 *                          the host connected to (RFC 6125); true unless switched off
 *                          (mod_ldap's {@code ssl-verify:off})
 * @param caFile            PEM file of the CAs to trust instead of the JDK's default trust store
 *                          (mod_ldap's {@code ssl-ca:}); absolute
 * @param bind              the DN and password of the service account that searches the
 *                          directory; empty for anonymous searches
 * @param userBase          where the accounts are searched for
 * @param userFilter        the search filter for one login name, e.g.
 *                          {@code (&(uid=%u)(objectclass=posixAccount))}
 * @param scope             how deep below {@code userBase} (and {@code groups}' base) to search
 * @param dereference       how aliases are followed while searching ({@code LDAPAliasDereference})
 * @param method            how the password is checked
 * @param unschemedPasswords for {@link Method#COMPARE}: how a {@code userPassword} value without a
 *                          {@code {SCHEME}} prefix is read, {@link PasswordFormat#CRYPT} (ProFTPD's
 *                          default) or {@link PasswordFormat#PLAINTEXT} (ProFTPD's
 *                          {@code LDAPDefaultAuthScheme clear}, and what Pure-FTPd does); a
 *                          value with a scheme is always read as {@link PasswordFormat#RFC2307}
 * @param attributes        the names of the attributes read from an account's entry
 * @param groups            where the groups an account belongs to are searched for; empty for no
 *                          groups
 * @param generatedHome     the home of an entry without one (ProFTPD's
 *                          {@code LDAPGenerateHomedir}, Pure-FTPd's
 *                          {@code LDAPDefaultHomeDirectory}); empty: such an entry cannot log in
 * @param limitAttributes   the attributes of Pure-FTPd's {@code PureFTPdUser} schema that carry
 *                          per-user limits and the account status, each when it is read
 * @param connectTimeout    how long to wait for a connection ({@code LDAPConnectTimeout})
 * @param queryTimeout      how long to wait for any one answer ({@code LDAPQueryTimeout})
 */
public record LdapSettings(List<Server> servers, boolean startTls, boolean verifyCertificate, Optional<Path> caFile,
                           Optional<Credentials> bind, String userBase, FilterTemplate userFilter, Scope scope,
                           Dereference dereference, Method method, PasswordFormat unschemedPasswords,
                           Attributes attributes, Optional<GroupSearch> groups, Optional<GeneratedHome> generatedHome,
                           LimitAttributes limitAttributes, Duration connectTimeout, Duration queryTimeout) {

    /** The default for both timeouts: long enough for a busy directory, short enough for a client's patience. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** ProFTPD mod_ldap's user filter when {@code LDAPUsers} names none. */
    public static final String PROFTPD_USER_FILTER = "(&(uid=%u)(objectclass=posixAccount))";
    /** ProFTPD mod_ldap's group membership filter when {@code LDAPGroups} names none. */
    public static final String PROFTPD_MEMBER_FILTER = "(&(memberUid=%u)(objectclass=posixGroup))";

    private static final Pattern ATTRIBUTE = Pattern.compile("(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)+)"
            + "(?:;[A-Za-z0-9-]+)*");
    private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

    public LdapSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("LDAP needs at least one server");
        }
        Objects.requireNonNull(caFile);
        caFile.ifPresent(file -> requireAbsolute("the LDAP CA file", file));
        Objects.requireNonNull(bind);
        requireDn("the LDAP user search base", userBase);
        Objects.requireNonNull(userFilter);
        if (userFilter.text().contains("%d")) {
            throw new IllegalArgumentException("the LDAP user filter cannot use %d: an entry's DN is known only once "
                    + "the filter has found it");
        }
        Objects.requireNonNull(scope);
        Objects.requireNonNull(dereference);
        Objects.requireNonNull(method);
        if (unschemedPasswords != PasswordFormat.CRYPT && unschemedPasswords != PasswordFormat.PLAINTEXT) {
            throw new IllegalArgumentException("a userPassword without {SCHEME} is read as crypt or as plain text, not "
                    + unschemedPasswords);
        }
        Objects.requireNonNull(attributes);
        Objects.requireNonNull(groups);
        Objects.requireNonNull(generatedHome);
        Objects.requireNonNull(limitAttributes);
        requireTimeout("LDAP connect timeout", connectTimeout);
        requireTimeout("LDAP query timeout", queryTimeout);
    }

    /** Whether TLS protects the connections to {@code server}. */
    public boolean encrypts(Server server) {
        return server.ldaps() || startTls;
    }

    /**
     * One directory server.
     *
     * @param ldaps true for {@code ldaps://} (TLS from the first byte, RFC 8314's implicit TLS)
     * @param host  a host name or an address
     * @param port  1 to 65535
     */
    public record Server(boolean ldaps, String host, int port) {
        public static final int LDAP_PORT = 389;
        public static final int LDAPS_PORT = 636;
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?");

        public Server {
            Objects.requireNonNull(host);
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("invalid LDAP server host '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid LDAP server port " + port);
            }
        }

        /**
         * {@code ldap://host[:port][/]} or {@code ldaps://host[:port][/]}; an IPv6 address is
         * written in brackets. The port defaults to 389 or 636.
         */
        public static Server parse(String uri) {
            String lower = uri.toLowerCase(Locale.ROOT);
            boolean ldaps = lower.startsWith("ldaps://");
            if (!ldaps && !lower.startsWith("ldap://")) {
                throw new IllegalArgumentException("an LDAP server is ldap://host:port or ldaps://host:port, not '"
                        + uri + "'");
            }
            String rest = uri.substring(ldaps ? 8 : 7);
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            String host = rest;
            int port = ldaps ? LDAPS_PORT : LDAP_PORT;
            int colon = rest.lastIndexOf(':');
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in LDAP server '" + uri + "'");
                }
                host = rest.substring(1, close);
                colon = rest.indexOf(':', close);
                if (close + 1 != rest.length() && colon != close + 1) {
                    throw new IllegalArgumentException("invalid LDAP server '" + uri + "'");
                }
            } else if (colon >= 0) {
                host = rest.substring(0, colon);
            }
            if (colon >= 0) {
                String digits = rest.substring(colon + 1);
                if (!digits.matches("[0-9]{1,5}")) {
                    throw new IllegalArgumentException("invalid port in LDAP server '" + uri + "'");
                }
                port = Integer.parseInt(digits);
            }
            return new Server(ldaps, host, port);
        }

        @Override
        public String toString() {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return (ldaps ? "ldaps://" : "ldap://") + h + ":" + port;
        }
    }

    /**
     * A DN and its password for a simple bind. The password is never empty: a simple bind with a
     * DN and an empty password is an unauthenticated bind (RFC 4513 §5.1.2), which many servers
     * let "succeed" without checking anything.
     */
    public record Credentials(String dn, String password) {
        public Credentials {
            requireDn("the LDAP bind DN", dn);
            if (dn.isBlank()) {
                throw new IllegalArgumentException("the LDAP bind DN is empty; leave it out for anonymous searches");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the LDAP bind DN '" + dn + "' needs a password: a bind with a DN "
                        + "and no password is an unauthenticated bind (RFC 4513 section 5.1.2)");
            }
        }

        @Override
        public String toString() {
            return "Credentials[dn=" + dn + ", password=(hidden)]";
        }
    }

    /** How the password of a login is checked. */
    public enum Method {
        /**
         * Bind as the account's DN with the password given (ProFTPD's {@code LDAPAuthBinds on},
         * Pure-FTPd's {@code LDAPAuthMethod BIND}): the directory checks it, whatever the hash,
         * and the service account never needs to read {@code userPassword}.
         */
        BIND,
        /**
         * Read {@code userPassword} with the service bind and check it here (ProFTPD's
         * {@code LDAPAuthBinds off}, Pure-FTPd's {@code LDAPAuthMethod PASSWORD}).
         */
        COMPARE
    }

    /** The LDAP search scopes (RFC 4511 §4.5.1.2). */
    public enum Scope {
        /** The base entry only. */
        BASE,
        /** The entries right below the base ({@code onelevel}). */
        ONE,
        /** The base and everything below it ({@code subtree}). */
        SUB
    }

    /** When aliases are dereferenced (RFC 4511 §4.5.1.3). */
    public enum Dereference {
        NEVER, SEARCHING, FINDING, ALWAYS
    }

    /**
     * Attribute names read from an account's entry ({@code LDAPAttr} renames them).
     *
     * @param uid           the login name; its value gives the name's canonical spelling and the
     *                      last part of a generated home
     * @param homeDirectory the home directory (Pure-FTPd's {@code LDAPHomeDir})
     * @param userPassword  the stored password, read for {@link Method#COMPARE} only
     * @param groupName     a group entry's name ({@code cn})
     */
    public record Attributes(String uid, String homeDirectory, String userPassword, String groupName) {
        public static final Attributes RFC2307 = new Attributes("uid", "homeDirectory", "userPassword", "cn");

        public Attributes {
            requireAttribute(uid);
            requireAttribute(homeDirectory);
            requireAttribute(userPassword);
            requireAttribute(groupName);
        }

        public Attributes withUid(String name) {
            return new Attributes(name, homeDirectory, userPassword, groupName);
        }

        public Attributes withHomeDirectory(String name) {
            return new Attributes(uid, name, userPassword, groupName);
        }

        public Attributes withUserPassword(String name) {
            return new Attributes(uid, homeDirectory, name, groupName);
        }

        public Attributes withGroupName(String name) {
            return new Attributes(uid, homeDirectory, userPassword, name);
        }
    }

    /**
     * Where an account's groups are found: every entry under {@code base} that {@code filter}
     * matches is a group it belongs to, named by its {@link Attributes#groupName} value.
     *
     * @param base   the search base
     * @param filter e.g. {@code (&(memberUid=%u)(objectclass=posixGroup))} for RFC 2307 groups, or
     *               {@code (&(member=%d)(objectclass=groupOfNames))} for groups that list DNs
     */
    public record GroupSearch(String base, FilterTemplate filter) {
        public GroupSearch {
            requireDn("the LDAP group search base", base);
            Objects.requireNonNull(filter);
        }
    }

    /**
     * The home of an entry that has none.
     *
     * @param prefix     an absolute directory; a {@code /./} in it splits jail and start as in an
     *                   entry's own home
     * @param appendName true for {@code prefix/NAME} (ProFTPD's {@code LDAPGenerateHomedirPrefix}),
     *                   false for the prefix itself ({@code LDAPGenerateHomedirPrefixNoUsername},
     *                   Pure-FTPd's {@code LDAPDefaultHomeDirectory})
     * @param force      true to use it even for entries that have a home
     *                   ({@code LDAPForceGeneratedHomedir})
     */
    public record GeneratedHome(Path prefix, boolean appendName, boolean force) {
        public GeneratedHome {
            requireAbsolute("the generated LDAP home prefix", prefix);
        }
    }

    /**
     * The attributes of Pure-FTPd's {@code PureFTPdUser} schema (pureftpd.schema) that Ferry
     * reads, each when named. Numbers that are zero or absent set no limit of the account's own.
     *
     * @param quotaFiles        {@code FTPQuotaFiles}: how many files the account may keep
     * @param quotaMBytes       {@code FTPQuotaMBytes}: how many megabytes it may keep
     * @param uploadBandwidth   {@code FTPUploadBandwidth}: KB/s
     * @param downloadBandwidth {@code FTPDownloadBandwidth}: KB/s
     * @param uploadRatio       {@code FTPUploadRatio}: with {@code downloadRatio}, upload this much
     *                          to download that much
     * @param downloadRatio     {@code FTPDownloadRatio}
     * @param status            {@code FTPStatus}: {@code enabled} (or {@code TRUE}) lets the account in,
     *                          any other value keeps it out; absent lets it in
     */
    public record LimitAttributes(Optional<String> quotaFiles, Optional<String> quotaMBytes,
                                  Optional<String> uploadBandwidth, Optional<String> downloadBandwidth,
                                  Optional<String> uploadRatio, Optional<String> downloadRatio,
                                  Optional<String> status) {
        /** Nothing read: no per-user limits from the directory. */
        public static final LimitAttributes NONE = new LimitAttributes(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        /** The names in Pure-FTPd's pureftpd.schema. */
        public static final LimitAttributes PURE_FTPD = new LimitAttributes(Optional.of("FTPQuotaFiles"),
                Optional.of("FTPQuotaMBytes"), Optional.of("FTPUploadBandwidth"), Optional.of("FTPDownloadBandwidth"),
                Optional.of("FTPUploadRatio"), Optional.of("FTPDownloadRatio"), Optional.of("FTPStatus"));

        public LimitAttributes {
            for (Optional<String> name : List.of(quotaFiles, quotaMBytes, uploadBandwidth, downloadBandwidth,
                    uploadRatio, downloadRatio, status)) {
                name.ifPresent(LdapSettings::requireAttribute);
            }
        }

        List<String> named() {
            return java.util.stream.Stream.of(quotaFiles, quotaMBytes, uploadBandwidth, downloadBandwidth, uploadRatio,
                    downloadRatio, status).flatMap(Optional::stream).toList();
        }
    }

    /** Whether {@code name} is an attribute description (RFC 4512 §2.5): a name or OID, then options. */
    public static boolean isAttributeName(String name) {
        return name != null && ATTRIBUTE.matcher(name).matches();
    }

    static void requireAttribute(String name) {
        if (!isAttributeName(name)) {
            throw new IllegalArgumentException("invalid LDAP attribute name '" + name + "'");
        }
    }

    static void requireDn(String what, String dn) {
        if (dn == null || !DN.isValidDN(dn)) {
            throw new IllegalArgumentException(what + " '" + dn + "' is not a valid DN (RFC 4514)");
        }
    }

    private static void requireAbsolute(String what, Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path, not '" + path + "'");
        }
    }

    private static void requireTimeout(String what, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the " + what + " must be more than 0 and at most 5 minutes, not "
                    + timeout);
        }
    }
}
