package dev.ferry.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.password.PasswordFormat;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pure-FTPd's ldap.conf: its keys and defaults as log_ldap.c has them, what Ferry refuses, and a login through it. */
class PureFtpdLdapConfTest {
    private static final Path FILE = Path.of("/etc/pure-ftpd/ldap.conf");

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private LdapSettings parse(String text) {
        return PureFtpdLdapConf.parse(FILE, text.lines().toList(), notes);
    }

    private String errors(String text) {
        try {
            parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void theSampleFileWithPureFtpdsDefaults() {
        LdapSettings s = parse("""
                # Optional : default = localhost
                LDAPServer ldap.example.org

                ldapbasedn ou=people,dc=example,dc=org
                LDAPVersion 3
                """);
        assertThat(s.servers()).containsExactly(new LdapSettings.Server(false, "ldap.example.org", 389));
        assertThat(s.startTls()).isFalse();
        assertThat(s.verifyCertificate()).isTrue();
        assertThat(s.bind()).isEmpty();
        assertThat(s.userBase()).isEqualTo("ou=people,dc=example,dc=org");
        assertThat(s.userFilter().text()).isEqualTo("(&(objectClass=posixAccount)(uid=%u))");
        assertThat(s.scope()).isEqualTo(LdapSettings.Scope.SUB);
        assertThat(s.method()).as("no bind DN: bind as the user").isEqualTo(LdapSettings.Method.BIND);
        assertThat(s.unschemedPasswords()).isEqualTo(PasswordFormat.PLAINTEXT);
        assertThat(s.attributes().homeDirectory()).isEqualTo("homeDirectory");
        assertThat(s.groups()).isEmpty();
        assertThat(s.generatedHome()).isEmpty();
        assertThat(s.limitAttributes()).isEqualTo(LdapSettings.LimitAttributes.PURE_FTPD);
        assertThat(notes).isEmpty();
        assertThat(parse("LDAPBaseDN dc=x").servers()).containsExactly(new LdapSettings.Server(false, "localhost", 389));
    }

    @Test
    void aBindDnMeansPasswordComparisonUnlessLdapAuthMethodSaysOtherwise() {
        String bound = "LDAPBaseDN dc=x\nLDAPBindDN cn=manager,dc=x\nLDAPBindPW secret with spaces\n";
        LdapSettings s = parse(bound);
        assertThat(s.bind()).contains(new LdapSettings.Credentials("cn=manager,dc=x", "secret with spaces"));
        assertThat(s.method()).isEqualTo(LdapSettings.Method.COMPARE);
        assertThat(parse(bound + "LDAPAuthMethod BIND").method()).isEqualTo(LdapSettings.Method.BIND);
        assertThat(parse("LDAPBaseDN dc=x\nLDAPAuthMethod password").method()).isEqualTo(LdapSettings.Method.COMPARE);
        assertThat(errors(bound + "LDAPAuthMethod SASL")).isEqualTo(FILE + ":4: LDAPAuthMethod takes BIND or PASSWORD");

        parse("LDAPBaseDN dc=x\nLDAPBindPW orphan\n");
        assertThat(notes).containsExactly(FILE + ":2: LDAPBindPW is ignored without LDAPBindDN: the directory is "
                + "searched anonymously");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPBindDN cn=manager,dc=x\n")).startsWith(FILE + ":2: LDAPBindDN: ")
                .contains("needs a password");
    }

    @Test
    void schemePortAndTls() {
        LdapSettings ldaps = parse("LDAPBaseDN dc=x\nLDAPScheme ldaps\nLDAPServer ldap.example.org\n");
        assertThat(ldaps.servers()).containsExactly(new LdapSettings.Server(true, "ldap.example.org", 636));
        assertThat(notes).singleElement().asString().contains("JDK's trusted CAs").contains("ldap.example.org");
        LdapSettings tls = parse("LDAPBaseDN dc=x\nLDAPPort 3389\nLDAPUseTLS True\n");
        assertThat(tls.servers()).containsExactly(new LdapSettings.Server(false, "localhost", 3389));
        assertThat(tls.startTls()).isTrue();
        assertThat(parse("LDAPBaseDN dc=x\nLDAPUseTLS false\n").startTls()).isFalse();
        assertThat(errors("LDAPBaseDN dc=x\nLDAPUseTLS yes\n")).contains(":2: LDAPUseTLS takes True or False");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPPort 0\n")).contains(":2: LDAPPort takes a port number");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPPort 389 # the default\n")).contains(":2: LDAPPort takes a port");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPScheme ldapi\n")).contains(":2: LDAPScheme takes ldap or ldaps");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPServer ldap://host\n")).contains(":2: LDAPServer: invalid LDAP "
                + "server host");
    }

    @Test
    void theFilterTakesTheLoginNameAtBackslashL() {
        assertThat(parse("LDAPBaseDN dc=x\nLDAPFilter (&(objectClass=PureFTPdUser)(mail=\\L)(FTPStatus=enabled))\n")
                .userFilter().text()).isEqualTo("(&(objectClass=PureFTPdUser)(mail=%u)(FTPStatus=enabled))");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPFilter (uid=alice)\n")).contains(":2: LDAPFilter needs \\L");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPFilter (uid=%s)\n")).contains(":2: LDAPFilter must not contain '%'");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPFilter (uid=\\L\n")).contains(":2: LDAPFilter: invalid LDAP filter");
    }

    @Test
    void homesFromAnotherAttributeOrOneForAll() {
        LdapSettings s = parse("LDAPBaseDN dc=x\nLDAPHomeDir FTPHomeDir\nLDAPDefaultHomeDirectory /srv/ftp/./shared\n");
        assertThat(s.attributes().homeDirectory()).isEqualTo("FTPHomeDir");
        assertThat(s.generatedHome()).contains(new LdapSettings.GeneratedHome(Path.of("/srv/ftp/./shared"), false,
                false));
        assertThat(s.generatedHome().orElseThrow().prefix().toString()).as("Pure-FTPd's /./ kept")
                .isEqualTo("/srv/ftp/./shared");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPHomeDir FTPHomeDir   # <- New LDAP attribute\n"))
                .contains(":2: LDAPHomeDir takes an attribute name").contains("comment must be on a line of its own");
        assertThat(errors("LDAPBaseDN dc=x\nLDAPDefaultHomeDirectory srv/ftp\n")).contains("absolute");
    }

    @Test
    void uidAndGidKeysAreNoted() {
        parse("""
                LDAPBaseDN dc=x
                LDAPDefaultUID 2000
                LDAPDefaultGID 2000   # <- GID of `vmail` user.
                LDAPForceDefaultUID True
                LDAPForceDefaultGID False
                """);
        assertThat(notes).extracting(n -> n.substring(FILE.toString().length() + 1, n.indexOf(' ')))
                .containsExactly("2:", "3:", "4:");
        assertThat(notes).allMatch(n -> n.contains("one system user"));
    }

    @Test
    void everythingWrongIsReportedWithItsLine() {
        String message = errors("""
                LDAPServer ldap.example.org
                LDAPSomething x
                LDAPVersion 2
                LDAPServer other.example.org
                LDAPBindDN
                """);
        assertThat(message.lines()).containsExactly(
                FILE + ":2: unknown key 'LDAPSomething' (not an ldap.conf setting of Pure-FTPd)",
                FILE + ":4: LDAPServer is given twice (also at " + FILE + ":1)",
                FILE + ":5: LDAPBindDN needs a value");
        assertThat(errors("LDAPVersion 2\nLDAPBaseDN dc=x\n")).isEqualTo(FILE + ":1: LDAPVersion 2 is not supported: "
                + "Ferry speaks LDAPv3 only (LDAPv2 is historic, RFC 3494)");
        assertThat(errors("LDAPServer h\n")).isEqualTo(FILE + ": LDAPBaseDN is required: it names where the "
                + "accounts are");
        assertThat(errors("LDAPBaseDN not a dn\n")).startsWith(FILE + ":1: LDAPBaseDN: ");
    }

    @Test
    void aFileThatCannotBeReadIsAnError() {
        assertThatThrownBy(() -> PureFtpdLdapConf.parse(dir.resolve("missing.conf"), notes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    @Test
    void aLoginThroughAPureFtpdConfiguration() throws Exception {
        try (TestDirectory directory = TestDirectory.start()) {
            Path conf = Files.writeString(dir.resolve("ldap.conf"), """
                    LDAPServer 127.0.0.1
                    LDAPPort %d
                    LDAPBaseDN %s
                    LDAPFilter (&(objectClass=posixAccount)(uid=\\L))
                    """.formatted(directory.port(), TestDirectory.BASE));
            LdapSettings settings = PureFtpdLdapConf.parse(conf, notes);
            try (LdapAuthenticator ldap = new LdapAuthenticator(settings, Optional.empty())) {
                InetAddress client = InetAddress.getLoopbackAddress();
                assertThat(ldap.authenticate("alice", "alice-pw".toCharArray(), client))
                        .isInstanceOf(AuthResult.Success.class);
                assertThat(ldap.authenticate("alice", "wrong".toCharArray(), client))
                        .isEqualTo(new AuthResult.Failure("wrong password"));
                assertThat(ldap.authenticate("frank", "frank-pw".toCharArray(), client))
                        .isInstanceOf(AuthResult.Failure.class);
                AuthResult gina = ldap.authenticate("gina", "gina-pw".toCharArray(), client);
                assertThat(((AuthResult.Success) gina).account().limits())
                        .isEqualTo(new UserLimits(0, 64 * 1024, 128 * 1024, 5L * 1024 * 1024, 100, 1, 3));
            }
        }
    }
}
