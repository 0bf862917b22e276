package dev.ferry.auth.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.auth.password.SystemCrypt;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory directory on 127.0.0.1 with the accounts the LDAP tests log in as. Schema checking
 * is off, so that entries may carry Pure-FTPd's FTP* attributes without loading pureftpd.schema.
 */
final class TestDirectory implements AutoCloseable {
    static final String BASE = "dc=example,dc=org";
    static final String PEOPLE = "ou=people," + BASE;
    static final String GROUPS = "ou=groups," + BASE;
    static final String SERVICE_DN = "cn=ferry," + BASE;
    static final String SERVICE_PASSWORD = "service-pw";

    final InMemoryDirectoryServer server;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** A plain listener on 127.0.0.1, no StartTLS. */
    static TestDirectory start() throws Exception {
        return start(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    }

    /** The first listener is the one {@link #port()} and {@link #address()} name. */
    static TestDirectory start(InMemoryListenerConfig... listeners) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(listeners);
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=others," + BASE, "objectClass: organizationalUnit", "ou: others");
        server.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        // The in-memory server checks a bind against the clear value, so BIND accounts keep one.
        account(server, "alice", "alice-pw", "/srv/ftp/alice");
        account(server, "carol", ssha("carol-pw"), "/home/carol");
        account(server, "dave", "{CRYPT}" + SystemCrypt.crypt("dave-pw".toCharArray(), "$6$saltsalt$").orElseThrow(),
                "/srv/ftp/./dave");
        account(server, "erin", "erin-pw", null);
        account(server, "hank", "hank-pw", "ftp/hank");
        account(server, "ivan", SystemCrypt.crypt("ivan-pw".toCharArray(), "$1$saltsalt$").orElseThrow(), "/home/ivan");
        account(server, "twin", "twin-pw", "/home/twin");
        server.add("dn: uid=twin,ou=others," + BASE, "objectClass: posixAccount", "uid: twin", "userPassword: twin-pw",
                "homeDirectory: /home/twin2");
        server.add("dn: uid=frank," + PEOPLE, "objectClass: posixAccount", "objectClass: PureFTPdUser", "uid: frank",
                "userPassword: frank-pw", "homeDirectory: /home/frank", "FTPStatus: disabled");
        server.add("dn: uid=gina," + PEOPLE, "objectClass: posixAccount", "objectClass: PureFTPdUser", "uid: gina",
                "userPassword: gina-pw", "homeDirectory: /home/gina", "FTPStatus: enabled", "FTPQuotaFiles: 100",
                "FTPQuotaMBytes: 5", "FTPUploadBandwidth: 64", "FTPDownloadBandwidth: 128", "FTPUploadRatio: 1",
                "FTPDownloadRatio: 3");
        server.add("dn: uid=Mixed," + PEOPLE, "objectClass: posixAccount", "uid: Mixed", "userPassword: mixed-pw",
                "homeDirectory: /home/mixed");
        server.add("dn: cn=staff," + GROUPS, "objectClass: posixGroup", "cn: staff", "gidNumber: 100",
                "memberUid: alice", "memberUid: carol");
        server.add("dn: cn=users," + GROUPS, "objectClass: posixGroup", "cn: users", "gidNumber: 101",
                "memberUid: alice");
        server.add("dn: cn=not valid," + GROUPS, "objectClass: posixGroup", "cn: not valid", "gidNumber: 102",
                "memberUid: alice");
        server.add("dn: cn=admins," + GROUPS, "objectClass: groupOfNames", "cn: admins",
                "member: uid=alice," + PEOPLE);
        server.startListening();
        return new TestDirectory(server);
    }

    private static void account(InMemoryDirectoryServer server, String uid, String password, String home)
            throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("dn: uid=" + uid + "," + PEOPLE,
                "objectClass: posixAccount", "uid: " + uid, "userPassword: " + password, "uidNumber: 1000",
                "gidNumber: 1000"));
        if (home != null) {
            lines.add("homeDirectory: " + home);
        }
        server.add(lines.toArray(String[]::new));
    }

    /** RFC 2307's {SSHA}: base64 of SHA-1(password + salt) followed by the salt. */
    static String ssha(String password) throws Exception {
        byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        sha1.update(salt);
        byte[] digest = sha1.digest();
        byte[] both = new byte[digest.length + salt.length];
        System.arraycopy(digest, 0, both, 0, digest.length);
        System.arraycopy(salt, 0, both, digest.length, salt.length);
        return "{SSHA}" + Base64.getEncoder().encodeToString(both);
    }

    int port() {
        return server.getListenPort();
    }

    LdapSettings.Server address() {
        return new LdapSettings.Server(false, "127.0.0.1", port());
    }

    /** Settings for this directory: the service bind, the ProFTPD filter, BIND, no groups, no generated homes. */
    Settings settings() {
        return new Settings(List.of(address()));
    }

    /** {@link LdapSettings} to change one component at a time. */
    static final class Settings {
        List<LdapSettings.Server> servers;
        boolean startTls;
        boolean verify = true;
        Optional<java.nio.file.Path> caFile = Optional.empty();
        Optional<LdapSettings.Credentials> bind = Optional.of(new LdapSettings.Credentials(SERVICE_DN,
                SERVICE_PASSWORD));
        String base = BASE;
        String filter = LdapSettings.PROFTPD_USER_FILTER;
        LdapSettings.Scope scope = LdapSettings.Scope.SUB;
        LdapSettings.Method method = LdapSettings.Method.BIND;
        PasswordFormat unschemed = PasswordFormat.CRYPT;
        Optional<LdapSettings.GroupSearch> groups = Optional.empty();
        Optional<LdapSettings.GeneratedHome> home = Optional.empty();
        LdapSettings.LimitAttributes limits = LdapSettings.LimitAttributes.NONE;
        Duration timeout = Duration.ofSeconds(2);

        Settings(List<LdapSettings.Server> servers) {
            this.servers = servers;
        }

        Settings method(LdapSettings.Method m) {
            method = m;
            return this;
        }

        LdapSettings build() {
            return new LdapSettings(servers, startTls, verify, caFile, bind, base, new FilterTemplate(filter), scope,
                    LdapSettings.Dereference.NEVER, method, unschemed, LdapSettings.Attributes.RFC2307, groups, home,
                    limits, timeout, timeout);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
