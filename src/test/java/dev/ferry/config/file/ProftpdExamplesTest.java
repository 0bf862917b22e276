package dev.ferry.config.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configuration snippets from the ProFTPD FAQ (chapter 5, "Configuration problems") and the ProFTPD NAT howto,
 * copied verbatim apart from the "..." placeholders and comment lines the FAQ's layout wrapped in two.
 */
class ProftpdExamplesTest {

    private static final Path FILE = Path.of("/etc/proftpd.conf");

    private static String outline(String config) throws ConfigSyntaxException {
        List<ConfigNode> nodes = ConfigFileParser.parse(config, FILE, ParseOptions.standard(), name -> null);
        // Every example must also survive printing and parsing again.
        List<ConfigNode> again = ConfigFileParser.parse(ConfigTreePrinter.print(nodes), FILE, ParseOptions.standard(),
                name -> null);
        assertThat(Outline.shape(again)).isEqualTo(Outline.shape(nodes));
        return Outline.of(nodes);
    }

    @Test
    void faqAnotherAnonymousLogin() throws Exception {
        String config = """
                <Anonymous ~private>
                AnonRequirePassword off
                User private
                Group private
                RequireValidShell off
                <Directory *>
                <Limit WRITE>
                DenyAll
                </Limit>
                </Directory>
                </Anonymous>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 Anonymous [~private]
                  2 AnonRequirePassword [off]
                  3 User [private]
                  4 Group [private]
                  5 RequireValidShell [off]
                  6 Directory [*]
                    7 Limit [WRITE]
                      8 DenyAll []
                """);
    }

    @Test
    void faqSecureUploadFacility() throws Exception {
        String config = """
                <Anonymous /home/ftp>
                # All files uploaded are set to username.usergroup ownership
                User username
                Group usergroup
                UserAlias ftp username
                AuthAliasOnly on
                RequireValidShell off

                <Directory pub/incoming/>
                  <Limit STOR CWD>
                    AllowAll
                  </Limit>
                  <Limit READ RMD DELE MKD>
                    DenyAll
                  </Limit>
                </Directory>
                </Anonymous>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 Anonymous [/home/ftp]
                  3 User [username]
                  4 Group [usergroup]
                  5 UserAlias [ftp, username]
                  6 AuthAliasOnly [on]
                  7 RequireValidShell [off]
                  9 Directory [pub/incoming/]
                    10 Limit [STOR, CWD]
                      11 AllowAll []
                    13 Limit [READ, RMD, DELE, MKD]
                      14 DenyAll []
                """);
    }

    @Test
    void faqHideADirectoryFromAnonymousClients() throws Exception {
        String config = """
                <Anonymous ~ftp>
                <Directory Private>
                HideGroup staff
                </Directory>
                </Anonymous>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 Anonymous [~ftp]
                  2 Directory [Private]
                    3 HideGroup [staff]
                """);
    }

    @Test
    void faqVirtualServer() throws Exception {
        String config = """
                <VirtualHost 10.0.0.1>
                ServerName "My virtual FTP server"
                </VirtualHost>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 VirtualHost [10.0.0.1]
                  2 ServerName [My virtual FTP server]
                """);
    }

    @Test
    void faqAnonymousOnlyVirtualServer() throws Exception {
        String config = """
                <VirtualHost 10.0.0.1>
                ServerName "My virtual FTP server"
                <Limit LOGIN>
                DenyAll
                </Limit>
                <Anonymous /usr/local/private>
                User private
                Group private
                <Limit LOGIN>
                AllowAll
                </Limit>  
                </Anonymous>  
                </VirtualHost>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 VirtualHost [10.0.0.1]
                  2 ServerName [My virtual FTP server]
                  3 Limit [LOGIN]
                    4 DenyAll []
                  6 Anonymous [/usr/local/private]
                    7 User [private]
                    8 Group [private]
                    9 Limit [LOGIN]
                      10 AllowAll []
                """);
    }

    @Test
    void faqLimitLoginBySubnet() throws Exception {
        String config = """
                <Limit LOGIN>  
                Order deny,allow  
                Deny from 10.1.1.  
                Allow from all  
                </Limit>  
                """;
        assertThat(outline(config)).isEqualTo("""
                1 Limit [LOGIN]
                  2 Order [deny,allow]
                  3 Deny [from, 10.1.1.]
                  4 Allow [from, all]
                """);
    }

    @Test
    void faqDefaultRootJails() throws Exception {
        String config = """
                <VirtualHost myhost.mynet.foo>
                DefaultRoot ~
                </VirtualHost>
                <VirtualHost myhost.mynet.foo>
                DefaultRoot /u2/public users,!staff
                </VirtualHost>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 VirtualHost [myhost.mynet.foo]
                  2 DefaultRoot [~]
                4 VirtualHost [myhost.mynet.foo]
                  5 DefaultRoot [/u2/public, users,!staff]
                """);
    }

    @Test
    void faqPerUserAnonymousSites() throws Exception {
        String config = """
                <VirtualHost my.per-user.virtual.host.address>

                # the next line limits all logins to this virtual host, so that only anonftp users can connect

                <Limit LOGIN>
                DenyGroup !anonftp
                </Limit>

                # limit access to each user's anon-ftp directory, we want read-only except on incoming

                <Directory ~/anon-ftp>

                <Limit WRITE>
                DenyAll
                </Limit>

                </Directory>

                # permit stor access to each user's anon-ftp/incoming directory, but deny everything else

                <Directory ~/anon-ftp/incoming>

                <Limit STOR>
                AllowAll
                </Limit>
                <Limit READ WRITE>
                DenyAll
                </Limit>

                </Directory>

                # provide a default root for all logins to this virtual host.
                DefaultRoot ~/anon-ftp
                # Finally, force all logins to be anonymous for the anonftp group
                AnonymousGroup anonftp

                </VirtualHost>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 VirtualHost [my.per-user.virtual.host.address]
                  5 Limit [LOGIN]
                    6 DenyGroup [!anonftp]
                  11 Directory [~/anon-ftp]
                    13 Limit [WRITE]
                      14 DenyAll []
                  21 Directory [~/anon-ftp/incoming]
                    23 Limit [STOR]
                      24 AllowAll []
                    26 Limit [READ, WRITE]
                      27 DenyAll []
                  33 DefaultRoot [~/anon-ftp]
                  35 AnonymousGroup [anonftp]
                """);
    }

    @Test
    void faqNormalAndAnonymousLoginForOneUser() throws Exception {
        String config = """
                <Anonymous ~jrluser>

                User jrluser
                Group jrluser
                UserAlias ftp jrluser
                UserAlias anonymous jrluser
                AuthAliasOnly on

                </Anonymous>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 Anonymous [~jrluser]
                  3 User [jrluser]
                  4 Group [jrluser]
                  5 UserAlias [ftp, jrluser]
                  6 UserAlias [anonymous, jrluser]
                  7 AuthAliasOnly [on]
                """);
    }

    @Test
    void natHowtoMasqueradeAndPassivePortsWithTrailingComments() throws Exception {
        String config = """
                MasqueradeAddress ftp.mydomain.com # using a DNS name
                MasqueradeAddress 123.45.67.89 # using an IP address
                PassivePorts 60000 65535 # These ports should be safe...
                  <Limit EPSV PASV>
                    DenyAll
                  </Limit>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 MasqueradeAddress [ftp.mydomain.com]
                2 MasqueradeAddress [123.45.67.89]
                3 PassivePorts [60000, 65535]
                4 Limit [EPSV, PASV]
                  5 DenyAll []
                """);
    }

    @Test
    void natHowtoLanVirtualHost() throws Exception {
        String config = """
                  ServerName "Some Server Name"
                  MasqueradeAddress my.domain.com
                  PassivePorts 60000 65535
                  # Note that your LAN address should be used here
                  <VirtualHost 192.168.0.10>
                    ServerName "Some Other Server Name"
                    # Note that there is no MasqueradeAddress directive
                    # used in this section!
                  </VirtualHost>
                """;
        assertThat(outline(config)).isEqualTo("""
                1 ServerName [Some Server Name]
                2 MasqueradeAddress [my.domain.com]
                3 PassivePorts [60000, 65535]
                5 VirtualHost [192.168.0.10]
                  6 ServerName [Some Other Server Name]
                """);
    }

    @Test
    void natHowtoClassesWithIfSession() throws Exception {
        String config = """
                  <IfModule mod_ifsession.c>
                    # Define a class for internal clients
                    <Class internal>
                      From 10.0.0.0/8
                    </Class>
                    # Internal clients get a different MasqueradeAddress
                    <IfClass internal>
                      MasqueradeAddress 10.1.2.3
                    </IfClass>
                    # All other clients get some different, public MasqueradeAddress
                    <IfClass !internal>
                      MasqueradeAddress 1.2.3.4
                    </IfClass>
                  </IfModule>
                """;
        assertThat(outline(config)).isEqualTo("""
                3 Class [internal]
                  4 From [10.0.0.0/8]
                7 IfClass [internal]
                  8 MasqueradeAddress [10.1.2.3]
                11 IfClass [!internal]
                  12 MasqueradeAddress [1.2.3.4]
                """);
    }
}
