package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users in an LDAP directory, end to end over FTP: ProFTPD's mod_ldap directives, Pure-FTPd's
 * {@code -l ldap:} file, and the order of sources ({@code AuthOrder}, repeated {@code -l}).
 */
class LdapAccountsTest {
    private static final String BASE = "dc=example,dc=org";

    @TempDir
    Path dir;
    private InMemoryDirectoryServer directory;

    @BeforeEach
    void directory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        directory = new InMemoryDirectoryServer(config);
        directory.startListening();
        directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: uid=hana,ou=people," + BASE, "objectClass: posixAccount", "uid: hana",
                "userPassword: hana-pw", "homeDirectory: " + dir.resolve("homes/hana"));
        directory.add("dn: uid=ivo,ou=people," + BASE, "objectClass: posixAccount", "uid: ivo",
                "userPassword: ivo-pw", "homeDirectory: " + dir.resolve("homes/ivo"));
        directory.add("dn: cn=readonly,ou=groups," + BASE, "objectClass: posixGroup", "cn: readonly",
                "memberUid: ivo");
    }

    @AfterEach
    void stop() {
        directory.shutDown(true);
    }

    private String modLdap() {
        return """
                <IfModule mod_ldap.c>
                LDAPServer ldap://127.0.0.1:%d/??sub
                LDAPUsers ou=people,%s
                LDAPGroups ou=groups,%s
                </IfModule>
                <Limit WRITE>
                  DenyGroup readonly
                </Limit>
                """.formatted(directory.getListenPort(), BASE, BASE);
    }

    @Test
    void proftpdModLdapUsersLogInByBindingAsTheirEntry() throws Exception {
        try (RulesServer server = RulesServer.fromConfig(dir, modLdap())) {
            try (RawFtpClient hana = server.connect()) {
                hana.login("hana", "hana-pw");
                hana.command("TYPE I");
                TransferSupport.upload(hana, RawMode.PASV, "STOR notes.txt", "ldap".getBytes());
                assertThat(dir.resolve("homes/hana/notes.txt")).hasContent("ldap");
            }
            try (RawFtpClient ivo = server.connect()) {
                ivo.login("ivo", "ivo-pw");
                assertThat(RulesServer.run(ivo, "STOR x").code()).as("readonly group from the directory").isEqualTo(550);
            }
            for (String password : new String[] {"wrong", ""}) {
                try (RawFtpClient hana = server.connect()) {
                    hana.command("USER hana");
                    assertThat(hana.command("PASS " + password).code()).isEqualTo(530);
                }
            }
            try (RawFtpClient alice = server.alice()) {
                assertThat(alice.command("NOOP").code()).isEqualTo(200);
            }
        }
    }

    @Test
    void aDirectoryThatIsDownRefusesButDoesNotHandTheNameOn(@TempDir Path other) throws Exception {
        try (RulesServer server = RulesServer.fromConfig(dir, modLdap() + "AuthOrder mod_ldap.c mod_auth_file.c\n")) {
            directory.shutDown(true);
            // alice is one of Ferry's own users, asked after the directory: the directory cannot say
            // whether it knows her, so the login is refused rather than passed on
            try (RawFtpClient alice = server.connect()) {
                alice.command("USER " + RulesServer.USER);
                assertThat(alice.command("PASS " + RulesServer.PASSWORD).code()).isEqualTo(530);
            }
        }
    }

    @Test
    void pureFtpdLdapConf() throws Exception {
        Path conf = dir.resolve("ldap.conf");
        Files.writeString(conf, """
                # Pure-FTPd's ldap.conf
                LDAPServer 127.0.0.1
                LDAPPort %d
                LDAPBaseDN ou=people,%s
                LDAPFilter (&(objectClass=posixAccount)(uid=\\L))
                LDAPAuthMethod BIND
                """.formatted(directory.getListenPort(), BASE));
        try (RulesServer server = RulesServer.fromSwitches(dir, "-l", "ldap:" + conf)) {
            try (RawFtpClient hana = server.connect()) {
                hana.login("hana", "hana-pw");
                assertThat(hana.command("PWD").text()).contains("\"/\"");
            }
            // only the directory is asked: Ferry's own alice is not
            try (RawFtpClient alice = server.connect()) {
                alice.command("USER " + RulesServer.USER);
                assertThat(alice.command("PASS " + RulesServer.PASSWORD).code()).isEqualTo(530);
            }
        }
    }
}
