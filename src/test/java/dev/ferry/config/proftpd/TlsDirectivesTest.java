package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsLevel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's mod_tls directives as the loader reads them (doc/contrib/mod_tls.html). */
class TlsDirectivesTest {
    @TempDir
    Path dir;

    private LoadedConfig load(String text) throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text.replace("@DIR@", dir.toString()));
        return ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), name -> Optional.empty());
    }

    private List<String> errors(String text) {
        try {
            load(text);
        } catch (ConfigException e) {
            return e.errors().stream().map(err -> err.toString().replace(dir + "/", "")).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for:\n" + text);
    }

    private static final String ENGINE = """
            Port 2121
            DefaultAddress 127.0.0.1
            TLSEngine on
            TLSRSACertificateFile @DIR@/cert.pem
            """;

    @Test
    void aTypicalModTlsBlockBecomesTheServersTlsSetting() throws Exception {
        LoadedConfig loaded = load("""
                Port 2121
                DefaultAddress 127.0.0.1
                <IfModule mod_tls.c>
                  TLSEngine on
                  TLSLog /var/log/proftpd/tls.log
                  TLSProtocol TLSv1.2 TLSv1.3
                  TLSRequired ctrl
                  TLSRSACertificateFile @DIR@/cert.pem
                  TLSRSACertificateKeyFile @DIR@/key.pem
                  TLSCertificateChainFile @DIR@/chain.pem
                  TLSCipherSuite HIGH:!aNULL:!MD5
                  TLSOptions NoSessionReuseRequired StdEnvVars
                  TLSRenegotiate none
                </IfModule>
                """);
        TlsConfig tls = loaded.config().main().tls();
        assertThat(tls.policy().level()).isEqualTo(TlsLevel.CONTROL);
        assertThat(tls.policy().sessionReuseRequired()).isFalse();
        assertThat(tls.certificate()).contains(new TlsCertificate.PemFiles(dir.resolve("cert.pem"),
                dir.resolve("key.pem"), Optional.of(dir.resolve("chain.pem"))));
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.cipherSuites()).isNotEmpty().doesNotContain("TLS_RSA_WITH_AES_128_CBC_SHA")
                .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(tls.implicitBinds()).isEmpty();
        assertThat(loaded.notices()).extracting(n -> n.toString().replace(dir + "/", "")).containsExactly(
                "ferry.conf:5: TLSLog: TLS events go to the main log",
                "ferry.conf:12: TLSOptions StdEnvVars: Ferry sets no environment variables",
                "ferry.conf:13: TLSRenegotiate none is what Ferry always does");
    }

    @Test
    void tlsIsOffUnlessTlsEngineIsOnAndTheRequiredLevelsMapOntoFerrysPolicy() throws Exception {
        assertThat(load("Port 2121\nTLSRSACertificateFile @DIR@/cert.pem\n").config().main().tls())
                .isEqualTo(TlsConfig.OFF);
        assertThat(load(ENGINE).config().main().tls().policy().level()).isEqualTo(TlsLevel.OPTIONAL);
        assertThat(load(ENGINE + "TLSRequired on\n").config().main().tls().policy().level())
                .isEqualTo(TlsLevel.CONTROL_AND_DATA);
        assertThat(load(ENGINE + "TLSRequired off\n").config().main().tls().policy().level())
                .isEqualTo(TlsLevel.OPTIONAL);
        assertThat(load(ENGINE).config().main().tls().certificate()).contains(
                new TlsCertificate.PemFiles(dir.resolve("cert.pem"), dir.resolve("cert.pem")));
    }

    @Test
    void requiredPoliciesFerryCannotExpressAreRefusedAtTheirLine() {
        assertThat(errors(ENGINE + "TLSRequired auth+data\n")).containsExactly("ferry.conf:5: TLSRequired auth+data "
                + "(CCC allowed after a protected login) is not supported yet: Ferry refuses CCC where TLS is "
                + "required; use on");
        assertThat(errors(ENGINE + "TLSRequired data\n")).singleElement().asString()
                .startsWith("ferry.conf:5: TLSRequired data (protected data connections, control connection "
                        + "optional) is not supported");
        assertThat(errors(ENGINE + "TLSRequired !data\n")).containsExactly(
                "ferry.conf:5: TLSRequired !data (PROT P refused) is not supported yet");
    }

    @Test
    void protocolsAreTls12And13OnlyWithModTlsListSyntax() throws Exception {
        assertThat(load(ENGINE + "TLSProtocol ALL -SSLv3 -TLSv1 -TLSv1.1 -TLSv1.3\n").config().main().tls()
                .protocols()).containsExactly("TLSv1.2");
        assertThat(load(ENGINE + "TLSProtocol TLSv1.3\n").config().main().tls().protocols())
                .containsExactly("TLSv1.3");
        assertThat(errors(ENGINE + "TLSProtocol TLSv1.1 TLSv1.2\n")).containsExactly("ferry.conf:5: TLSProtocol "
                + "TLSv1.1 is refused: SSL 3.0, TLS 1.0 and TLS 1.1 are broken and deprecated (RFC 7568, RFC 8996); "
                + "Ferry speaks TLSv1.2 and TLSv1.3");
        assertThat(errors(ENGINE + "TLSProtocol ALL -TLSv1.2 -TLSv1.3\n")).containsExactly(
                "ferry.conf:5: TLSProtocol leaves no protocol: Ferry speaks TLSv1.2 and TLSv1.3");
    }

    @Test
    void cipherSuitesTakeOpenSslListsAndRefuseWhatTheyCannotMap() throws Exception {
        assertThat(load(ENGINE + "TLSCipherSuite ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256\n")
                .config().main().tls().cipherSuites()).endsWith("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").allMatch(s -> s.startsWith("TLS_"));
        assertThat(load(ENGINE + "TLSCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384\n").config().main().tls()
                .cipherSuites()).startsWith("TLS_AES_256_GCM_SHA384").doesNotContain("TLS_AES_128_GCM_SHA256");
        assertThat(errors(ENGINE + "TLSCipherSuite HIGH:SUPERCIPHER\n")).singleElement().asString()
                .startsWith("ferry.conf:5: TLSCipherSuite: 'SUPERCIPHER' is not a cipher name or alias Ferry can map");
        assertThat(errors(ENGINE + "TLSCipherSuite HIGH:@STRENGTH\n")).singleElement().asString()
                .startsWith("ferry.conf:5: TLSCipherSuite: '@STRENGTH' (OpenSSL's @STRENGTH) is not supported");
    }

    @Test
    void useImplicitSslMakesTheVirtualHostImplicitFtpsOnItsPort() throws Exception {
        FerryConfig config = load("""
                Port 2121
                DefaultAddress 127.0.0.1
                <VirtualHost 127.0.0.1>
                  Port 2990
                  TLSEngine on
                  TLSOptions UseImplicitSSL
                  TLSECCertificateFile @DIR@/ec.pem
                  TLSECCertificateKeyFile @DIR@/ec.key
                </VirtualHost>
                """).config();
        var vhost = config.servers().get(1);
        assertThat(vhost.binds()).isEmpty();
        assertThat(vhost.tls().implicitBinds()).containsExactly(new InetSocketAddress("127.0.0.1", 2990));
        assertThat(vhost.tls().certificate()).contains(new TlsCertificate.PemFiles(dir.resolve("ec.pem"),
                dir.resolve("ec.key")));
        assertThat(config.listenAddresses()).containsExactly(new InetSocketAddress("127.0.0.1", 2121));
    }

    @Test
    void whatCannotWorkIsRefusedByName() {
        assertThat(errors("Port 2121\nTLSEngine on\n")).containsExactly("ferry.conf:2: TLSEngine on needs a "
                + "certificate: TLSRSACertificateFile, TLSECCertificateFile or TLSPKCS12File");
        assertThat(errors(ENGINE + "TLSECCertificateFile @DIR@/ec.pem\n")).containsExactly("ferry.conf:5: both an "
                + "RSA and an EC certificate is not supported yet: Ferry presents one certificate per server; keep "
                + "TLSRSACertificateFile or TLSECCertificateFile");
        assertThat(errors(ENGINE + "TLSOptions AllowPerUser\n")).containsExactly(
                "ferry.conf:5: TLSOptions AllowPerUser is not supported yet");
        assertThat(errors(ENGINE + "TLSOptions AllowClientRenegotiations\n")).containsExactly("ferry.conf:5: "
                + "TLSOptions AllowClientRenegotiations is refused: client renegotiation is always refused "
                + "(CVE-2009-3555, CVE-2011-1473)");
        assertThat(errors(ENGINE + "TLSRenegotiate ctrl 3600\n")).singleElement().asString()
                .startsWith("ferry.conf:5: TLSRenegotiate: Ferry never renegotiates");
        assertThat(errors(ENGINE + "TLSSessionCache internal: 1800\n")).containsExactly(
                "ferry.conf:5: TLSSessionCache is not supported yet");
        assertThat(errors(ENGINE + "TLSRSACertificateKeyFile key.pem\n")).containsExactly(
                "ferry.conf:5: TLSRSACertificateKeyFile needs an absolute path, not 'key.pem'");
        assertThat(errors("Port 2121\nTLSOptions UseImplicitSSL\n")).containsExactly(
                "ferry.conf:2: TLSOptions UseImplicitSSL needs TLSEngine on");
        assertThat(errors(ENGINE + "<Anonymous /srv/ftp>\nUser ftp\nTLSEngine on\n</Anonymous>\n"))
                .containsExactly("ferry.conf:7: TLSEngine is not allowed in <Anonymous>; it belongs in the server "
                        + "context or a <VirtualHost>");
    }

    @Test
    void globalSettingsApplyToEveryVirtualHostWhichMayOverrideThem() throws Exception {
        FerryConfig config = load("""
                <Global>
                  TLSEngine on
                  TLSRequired on
                  TLSRSACertificateFile @DIR@/global.pem
                </Global>
                Port 2121
                DefaultAddress 127.0.0.1
                <VirtualHost 127.0.0.1>
                  ServerAlias files.test
                  TLSRequired ctrl
                  TLSRSACertificateFile @DIR@/files.pem
                </VirtualHost>
                """).config();
        assertThat(config.main().tls().policy().level()).isEqualTo(TlsLevel.CONTROL_AND_DATA);
        assertThat(config.main().tls().certificate()).contains(new TlsCertificate.PemFiles(
                dir.resolve("global.pem"), dir.resolve("global.pem")));
        assertThat(config.servers().get(1).tls().policy().level()).isEqualTo(TlsLevel.CONTROL);
        assertThat(config.servers().get(1).tls().certificate()).contains(new TlsCertificate.PemFiles(
                dir.resolve("files.pem"), dir.resolve("files.pem")));
    }

    @Test
    void ifUserAndIfGroupGiveAccountsALevelOfTheirOwn() throws Exception {
        TlsConfig tls = load(ENGINE + """
                TLSRSACertificateKeyFile @DIR@/key.pem
                <IfUser alice bob>
                  TLSRequired on
                </IfUser>
                <IfGroup OR staff,!guests>
                  TLSRequired ctrl
                </IfGroup>
                """).config().main().tls();
        assertThat(tls.policy().level()).isEqualTo(TlsLevel.OPTIONAL);
        assertThat(tls.policy().levelFor("alice", Set.of())).isEqualTo(TlsLevel.CONTROL_AND_DATA);
        assertThat(tls.policy().levelFor("bob", Set.of("staff"))).as("the first block that applies decides")
                .isEqualTo(TlsLevel.CONTROL_AND_DATA);
        assertThat(tls.policy().levelFor("carol", Set.of("staff"))).isEqualTo(TlsLevel.CONTROL);
        assertThat(tls.policy().levelFor("dave", Set.of("guests"))).isEqualTo(TlsLevel.OPTIONAL);
        assertThat(tls.policy().levelFor("erin", Set.of())).as("!guests holds for someone in no group")
                .isEqualTo(TlsLevel.CONTROL);
        assertThat(tls.policy().looksAtGroups()).isTrue();
    }

    @Test
    void ifUserHoldsOnlyTlsRequired() {
        assertThat(errors(ENGINE + """
                TLSRSACertificateKeyFile @DIR@/key.pem
                <IfUser regex ^a>
                  TLSRequired on
                </IfUser>
                <IfGroup staff>
                  DefaultRoot ~
                  TLSRequired data
                </IfGroup>
                """)).containsExactly(
                "ferry.conf:6: <IfUser regex ...> is not supported yet; list the names (any of them matches)",
                "ferry.conf:10: DefaultRoot inside <IfGroup> is not supported yet (only TLSRequired)",
                "ferry.conf:11: TLSRequired data (protected data connections, control connection optional) is not "
                        + "supported: Ferry requires TLS on the control connection whenever it requires it for data; "
                        + "use TLSRequired on");
    }
}
