package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.ldap.LdapSettings;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.config.file.ConfigFileParser;
import dev.ferry.config.file.ConfigNode;
import dev.ferry.config.file.ParseOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ProFTPD mod_ldap's directives (1.3.8): what each sets, the defaults, and what is refused. */
class LdapDirectivesTest {
    private static final Path FILE = Path.of("proftpd.conf");
    private static final String MINIMAL = """
            LDAPServer ldap.example.org
            LDAPUsers ou=people,dc=example,dc=org
            """;

    private record Read(LdapDirectives ldap, List<String> notices, List<String> errors) {
        LdapSettings settings() {
            assertThat(errors).isEmpty();
            assertThat(ldap.problems()).isEmpty();
            return ldap.settings().orElseThrow();
        }

        List<String> problems() {
            return ldap.problems().stream().map(p -> p.at().at().line() + ": " + p.message()).toList();
        }

        List<String> laterNotices() {
            return ldap.notices().stream().map(p -> p.at().at().line() + ": " + p.message()).toList();
        }
    }

    private static Read read(String text) throws Exception {
        LdapDirectives ldap = new LdapDirectives();
        List<String> notices = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ConfigNode node : ConfigFileParser.parse(text, FILE, ParseOptions.standard())) {
            try {
                assertThat(ldap.read(node, m -> notices.add(node.at().line() + ": " + m))).as(node.name()).isTrue();
            } catch (Values.Invalid e) {
                errors.add(node.at().line() + ": " + e.getMessage());
            }
        }
        return new Read(ldap, notices, errors);
    }

    private static String error(String text) throws Exception {
        Read read = read(text);
        assertThat(read.errors()).as(text).hasSize(1);
        return read.errors().getFirst();
    }

    @Test
    void aTypicalConfigurationWithItsDefaults() throws Exception {
        LdapSettings s = read("""
                LDAPServer ldap://ldap.example.org/??sub
                LDAPBindDN "cn=ftp,dc=example,dc=org" "bind secret"
                LDAPUsers ou=people,dc=example,dc=org
                LDAPGroups ou=groups,dc=example,dc=org
                LDAPUseTLS on
                """).settings();
        assertThat(s.servers()).containsExactly(new LdapSettings.Server(false, "ldap.example.org", 389));
        assertThat(s.startTls()).isTrue();
        assertThat(s.verifyCertificate()).isTrue();
        assertThat(s.caFile()).isEmpty();
        assertThat(s.bind()).contains(new LdapSettings.Credentials("cn=ftp,dc=example,dc=org", "bind secret"));
        assertThat(s.userBase()).isEqualTo("ou=people,dc=example,dc=org");
        assertThat(s.userFilter().text()).isEqualTo("(&(uid=%u)(objectclass=posixAccount))");
        assertThat(s.scope()).isEqualTo(LdapSettings.Scope.SUB);
        assertThat(s.method()).isEqualTo(LdapSettings.Method.BIND);
        assertThat(s.unschemedPasswords()).isEqualTo(PasswordFormat.CRYPT);
        assertThat(s.attributes()).isEqualTo(LdapSettings.Attributes.RFC2307);
        assertThat(s.groups()).map(g -> g.base() + " " + g.filter().text())
                .contains("ou=groups,dc=example,dc=org (&(memberUid=%u)(objectclass=posixGroup))");
        assertThat(s.generatedHome()).isEmpty();
        assertThat(s.limitAttributes()).isEqualTo(LdapSettings.LimitAttributes.NONE);
        assertThat(s.dereference()).isEqualTo(LdapSettings.Dereference.NEVER);
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.bind().orElseThrow().toString()).doesNotContain("bind secret");
    }

    @Test
    void serversAsHostsUrlsAndQuotedListsWithTheirTlsOptions() throws Exception {
        LdapSettings s = read("""
                LDAPServer "ldap1.example.org:1389 ldap2.example.org" ldaps://ldap3.example.org ssl-ca:/etc/ssl/ca.pem
                LDAPUsers ou=people,dc=example,dc=org "(&(mail=%v)(objectclass=inetOrgPerson))"
                """).settings();
        assertThat(s.servers()).extracting(Object::toString).containsExactly("ldap://ldap1.example.org:1389",
                "ldap://ldap2.example.org:389", "ldaps://ldap3.example.org:636");
        assertThat(s.caFile()).contains(Path.of("/etc/ssl/ca.pem"));
        assertThat(s.userFilter().text()).isEqualTo("(&(mail=%v)(objectclass=inetOrgPerson))");

        Read off = read("LDAPServer ldaps://[::1]:10636 ssl-verify:off\nLDAPUsers dc=example,dc=org\n");
        assertThat(off.settings().verifyCertificate()).isFalse();
        assertThat(off.settings().servers()).containsExactly(new LdapSettings.Server(true, "::1", 10636));
        assertThat(off.notices()).singleElement().asString().startsWith("1: LDAPServer ssl-verify:off");
        assertThat(read("LDAPServer ldaps://h ssl-verify:demand\nLDAPUsers dc=x\n").settings().verifyCertificate())
                .isTrue();
    }

    @Test
    void theScopeOfAUrlWinsOverLdapSearchScope() throws Exception {
        Read url = read("LDAPSearchScope subtree\nLDAPServer ldap://h/??one\nLDAPUsers dc=example,dc=org\n");
        assertThat(url.settings().scope()).isEqualTo(LdapSettings.Scope.ONE);
        assertThat(url.laterNotices()).containsExactly("1: LDAPSearchScope is overridden by the scope in the "
                + "LDAPServer URL (one)");
        assertThat(read("LDAPServer h\nLDAPSearchScope onelevel\nLDAPUsers dc=x\n").settings().scope())
                .isEqualTo(LdapSettings.Scope.ONE);
        assertThat(read("LDAPServer ldap://h/\nLDAPSearchScope base\nLDAPUsers dc=x\n").settings().scope())
                .isEqualTo(LdapSettings.Scope.BASE);
        assertThat(error("LDAPServer ldap://a/??one ldap://b/??sub\n")).contains("different search scopes");
    }

    @Test
    void ldapAttrRenamesTheAttributesAndTheDefaultFiltersFollow() throws Exception {
        Read read = read(MINIMAL + """
                LDAPGroups ou=groups,dc=example,dc=org
                LDAPAttr uid sAMAccountName
                LDAPAttr homeDirectory ftpHome
                LDAPAttr userPassword ftpPassword
                LDAPAttr cn groupName
                LDAPAttr memberUid member-uid
                LDAPAttr loginShell ftpShell
                LDAPAttr uidNumber ftpUid
                """);
        LdapSettings s = read.settings();
        assertThat(s.attributes()).isEqualTo(new LdapSettings.Attributes("sAMAccountName", "ftpHome", "ftpPassword",
                "groupName"));
        assertThat(s.userFilter().text()).isEqualTo("(&(sAMAccountName=%u)(objectclass=posixAccount))");
        assertThat(s.groups().orElseThrow().filter().text()).isEqualTo("(&(member-uid=%u)(objectclass=posixGroup))");
        assertThat(read.notices()).hasSize(2).allMatch(n -> n.contains("changes nothing"));
        assertThat(error("LDAPAttr mail email\n")).contains("unknown attribute name: mail");
        assertThat(error("LDAPAttr uid \"bad name\"\n")).contains("invalid attribute name");
    }

    @Test
    void theFourthLdapGroupsValueIsTheMemberFilter() throws Exception {
        Read read = read(MINIMAL + "LDAPGroups ou=groups,dc=x (cn=%v) (gidNumber=%v) "
                + "\"(&(member=%d)(objectclass=groupOfNames)(uid=%u))\"\n");
        assertThat(read.settings().groups().orElseThrow().filter().text())
                .isEqualTo("(&(member=%d)(objectclass=groupOfNames)(uid=%u))");
        assertThat(read.notices()).isEmpty();
        Read two = read(MINIMAL + "LDAPGroups ou=groups,dc=x (cn=%v)\n");
        assertThat(two.settings().groups().orElseThrow().filter().text())
                .isEqualTo("(&(memberUid=%u)(objectclass=posixGroup))");
        assertThat(two.notices()).singleElement().asString().contains("cn and gid filters");
    }

    @Test
    void authBindsOffComparesUserPasswordWithTheDefaultScheme() throws Exception {
        LdapSettings s = read(MINIMAL + "LDAPAuthBinds off\nLDAPDefaultAuthScheme clear\n").settings();
        assertThat(s.method()).isEqualTo(LdapSettings.Method.COMPARE);
        assertThat(s.unschemedPasswords()).isEqualTo(PasswordFormat.PLAINTEXT);
        assertThat(read(MINIMAL + "LDAPAuthBinds off\n").settings().unschemedPasswords())
                .isEqualTo(PasswordFormat.CRYPT);
        assertThat(error("LDAPDefaultAuthScheme md5\n")).contains("takes crypt or clear");
    }

    @Test
    void generatedHomes() throws Exception {
        assertThat(read(MINIMAL + "LDAPGenerateHomedir on\nLDAPGenerateHomedirPrefix /var/ftp/\n").settings()
                .generatedHome()).contains(new LdapSettings.GeneratedHome(Path.of("/var/ftp"), true, false));
        assertThat(read(MINIMAL + """
                LDAPGenerateHomedir on
                LDAPGenerateHomedirPrefix /var/ftp
                LDAPGenerateHomedirPrefixNoUsername on
                LDAPForceGeneratedHomedir on
                """).settings().generatedHome())
                .contains(new LdapSettings.GeneratedHome(Path.of("/var/ftp"), false, true));

        assertThat(read(MINIMAL + "LDAPForceGeneratedHomedir on\n").problems())
                .containsExactly("3: LDAPForceGeneratedHomedir on needs LDAPGenerateHomedir on");
        assertThat(read(MINIMAL + "LDAPGenerateHomedir on\n").problems())
                .containsExactly("3: LDAPGenerateHomedir on needs LDAPGenerateHomedirPrefix");
        Read inert = read(MINIMAL + "LDAPGenerateHomedirPrefix /var/ftp\n");
        assertThat(inert.settings().generatedHome()).isEmpty();
        assertThat(inert.laterNotices()).containsExactly("3: LDAPGenerateHomedirPrefix has no effect without "
                + "LDAPGenerateHomedir on");
        assertThat(error("LDAPGenerateHomedirPrefix var/ftp\n")).contains("absolute");
    }

    @Test
    void ldapNeedsBothAServerAndTheAccountsBase() throws Exception {
        Read none = read("LDAPBindDN cn=ftp,dc=x secret\n");
        assertThat(none.ldap().settings()).isEmpty();
        assertThat(none.problems()).isEmpty();
        assertThat(none.laterNotices()).containsExactly("1: LDAP directives have no effect without LDAPServer and "
                + "LDAPUsers");
        assertThat(read("").ldap().settings()).isEmpty();
        assertThat(read("").laterNotices()).isEmpty();

        Read serverOnly = read("LDAPServer h\n");
        assertThat(serverOnly.ldap().settings()).isEmpty();
        assertThat(serverOnly.problems()).singleElement().asString().startsWith("1: LDAPServer without LDAPUsers");
        Read usersOnly = read("LDAPUsers dc=x\n");
        assertThat(usersOnly.ldap().settings()).isEmpty();
        assertThat(usersOnly.problems()).singleElement().asString().startsWith("1: LDAPUsers without LDAPServer");
    }

    @Test
    void aLaterLineReplacesAnEarlierOne() throws Exception {
        LdapSettings s = read("""
                LDAPServer old.example.org
                LDAPUsers ou=old,dc=x
                LDAPServer new.example.org:3389
                LDAPUsers ou=new,dc=x
                LDAPBindDN cn=a,dc=x a
                LDAPBindDN "" ""
                """).settings();
        assertThat(s.servers()).containsExactly(new LdapSettings.Server(false, "new.example.org", 3389));
        assertThat(s.userBase()).isEqualTo("ou=new,dc=x");
        assertThat(s.bind()).as("LDAPBindDN \"\" \"\" is anonymous").isEmpty();
    }

    @Test
    void timeoutsAndAliasDereferencing() throws Exception {
        LdapSettings s = read(MINIMAL + "LDAPQueryTimeout 5\nLDAPConnectTimeout 3\nLDAPAliasDereference always\n")
                .settings();
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.dereference()).isEqualTo(LdapSettings.Dereference.ALWAYS);
        assertThat(error("LDAPQueryTimeout 0\n")).contains("from 1 to 300");
        assertThat(error("LDAPQueryTimeout 5m\n")).contains("from 1 to 300");
        assertThat(error("LDAPAliasDereference sometimes\n")).contains("never, search, find or always");
    }

    @Test
    void whatHasNoMeaningForFerryIsAcceptedWithANotice() throws Exception {
        Read read = read(MINIMAL + """
                LDAPDefaultUID 1000
                LDAPDefaultGID 1000
                LDAPForceDefaultUID on
                LDAPForceDefaultGID off
                LDAPLog /var/log/proftpd/ldap.log
                LDAPProtocolVersion 3
                LDAPUsers ou=people,dc=example,dc=org (uid=%u) (uidNumber=%v)
                """);
        assertThat(read.settings().userFilter().text()).isEqualTo("(uid=%u)");
        assertThat(read.notices()).extracting(n -> n.substring(0, n.indexOf(':'))).containsExactly("3", "4", "5", "6",
                "7", "9");
        assertThat(error("LDAPDefaultUID ftp\n")).contains("takes a number");
    }

    @Test
    void whatFerryCannotDoIsRefusedByName() throws Exception {
        assertThat(error("LDAPProtocolVersion 2\n")).contains("LDAPv3 only");
        assertThat(error("LDAPDoAuth on dc=example,dc=org\n")).contains("before ProFTPD 1.3.5; use LDAPUsers");
        assertThat(error("LDAPUseSSL on\n")).contains("ldaps://");
        assertThat(error("LDAPUseSASL PLAIN\n")).contains("not supported yet");
        assertThat(error("LDAPDefaultQuota 1,2\n")).contains("not supported yet");
        assertThat(error("LDAPServer h ssl-cert:/etc/c.pem\n")).contains("client certificates");
        assertThat(error("LDAPServer h ssl-ciphers:HIGH\n")).contains("not supported yet");
        assertThat(error("LDAPServer ssl-ca:/etc/ca.pem h\n")).contains("belongs after the server");
        assertThat(error("LDAPServer h ssl-ca:ca.pem\n")).contains("absolute");
        assertThat(error("LDAPServer h ssl-verify:maybe\n")).contains("takes on or off");
        assertThat(error("LDAPServer ldapi://%2fvar%2frun%2fldapi\n")).contains("'ldap' or 'ldaps'");
        assertThat(error("LDAPServer ldap://h/dc=example,dc=org\n")).contains("base DN may not be specified");
        assertThat(error("LDAPServer ldap://h/??sub?(uid=x)\n")).contains("search filter may not be specified");
        assertThat(error("LDAPServer h:port\n")).contains("as a port number");
        assertThat(error("LDAPBindDN cn=ftp,dc=x\n")).contains("needs a password").contains("RFC 4513");
        assertThat(error("LDAPBindDN notadn secret\n")).contains("not a valid DN");
        assertThat(error("LDAPUsers on dc=x\n")).contains("must be the base DN, not on/off");
        assertThat(error("LDAPUsers dc=x (uid=alice)\n")).contains("no %u");
        assertThat(error("LDAPUsers dc=x \"(uid=%u\"\n")).contains("invalid LDAP filter");
        assertThat(error("LDAPSearchScope deep\n")).contains("base, onelevel, subtree");
        assertThat(error("LDAPUseTLS maybe\n")).contains("on or off");
    }

    @Test
    void otherDirectivesAreNotRead() throws Exception {
        LdapDirectives ldap = new LdapDirectives();
        for (ConfigNode node : ConfigFileParser.parse("Port 21\nLDAPUnknownThing x\nTLSEngine on\n", FILE,
                ParseOptions.standard())) {
            assertThat(ldap.read(node, m -> { })).as(node.name()).isFalse();
        }
        assertThat(ldap.settings()).isEqualTo(Optional.empty());
    }
}
