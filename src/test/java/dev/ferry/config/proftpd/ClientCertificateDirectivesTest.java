package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsPolicy;
import dev.ferry.config.file.ConfigError;
import dev.ferry.config.file.Directive;
import dev.ferry.config.file.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod_tls's client-certificate directives as Ferry reads them: {@code TLSVerifyClient},
 * {@code TLSCACertificateFile}, {@code TLSCACertificatePath}, {@code TLSUserName} and
 * {@code TLSOptions AllowDotLogin}.
 */
class ClientCertificateDirectivesTest {
    @TempDir
    Path dir;

    private static Directive line(String name, String... args) {
        return new Directive(name, List.of(args), new SourceLocation(Path.of("/etc/ferry.conf"), 7));
    }

    private static ClientCertificateDirectives read(Directive... lines) throws Values.Invalid {
        ClientCertificateDirectives directives = new ClientCertificateDirectives();
        for (Directive d : lines) {
            assertThat(directives.read(d)).as(d.name()).isTrue();
        }
        return directives;
    }

    @Test
    void noDirectivesMeanNoClientCertificates() {
        ClientCertificateDirectives none = new ClientCertificateDirectives();
        assertThat(none.settings()).isEqualTo(ClientCertificates.OFF);
        assertThat(none.problem()).isEmpty();
    }

    @Test
    void verifyClientOnWithACaFileVerifiesAndLeavesLoginsToPasswords() throws Exception {
        ClientCertificateDirectives d = read(line("TLSVerifyClient", "on"),
                line("TLSCACertificateFile", "/etc/ftpd/ca-bundle.pem"));
        assertThat(d.problem()).isEmpty();
        assertThat(d.settings()).isEqualTo(new ClientCertificates(Verification.REQUIRED,
                Optional.of(Path.of("/etc/ftpd/ca-bundle.pem")), Optional.empty(), UserField.COMMON_NAME,
                LoginMode.PASSWORD, false));
    }

    @Test
    void optionalAndOff() throws Exception {
        assertThat(read(line("TLSVerifyClient", "optional"), line("TLSCACertificatePath", "/etc/ftpd/ca"))
                .settings()).isEqualTo(new ClientCertificates(Verification.OPTIONAL, Optional.empty(),
                Optional.of(Path.of("/etc/ftpd/ca")), UserField.COMMON_NAME, LoginMode.PASSWORD, false));
        assertThat(read(line("TLSVerifyClient", "off"), line("TLSCACertificateFile", "/ca.pem")).settings())
                .isEqualTo(ClientCertificates.OFF);
    }

    @Test
    void userNameTurnsCertificateLoginsOn() throws Exception {
        ClientCertificateDirectives d = read(line("TLSVerifyClient", "on"), line("TLSCACertificateFile", "/ca.pem"),
                line("TLSUserName", "EmailSubjAltName"));
        assertThat(d.settings().userField()).isEqualTo(UserField.EMAIL);
        assertThat(d.settings().login()).isEqualTo(LoginMode.CERTIFICATE);
        assertThat(read(line("TLSVerifyClient", "on"), line("TLSCACertificateFile", "/ca.pem"),
                line("TLSUserName", "CommonName")).settings().userField()).isEqualTo(UserField.COMMON_NAME);
    }

    @Test
    void allowDotLoginIsTheOnlyTlsOptionTakenHere() throws Exception {
        ClientCertificateDirectives d = read(line("TLSVerifyClient", "on"), line("TLSCACertificateFile", "/ca.pem"));
        assertThat(d.option("NoSessionReuseRequired")).isFalse();
        assertThat(d.settings().dotLogin()).isFalse();
        assertThat(d.option("AllowDotLogin")).isTrue();
        assertThat(d.settings().dotLogin()).isTrue();
        assertThat(d.settings().login()).isEqualTo(LoginMode.PASSWORD);
    }

    @Test
    void otherDirectivesAreNotTaken() throws Exception {
        assertThat(new ClientCertificateDirectives().read(line("TLSEngine", "on"))).isFalse();
        assertThat(new ClientCertificateDirectives().read(line("TLSOptions", "AllowDotLogin"))).isFalse();
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> read(line("TLSVerifyClient", "maybe")))
                .hasMessage("TLSVerifyClient takes on, off or optional, not 'maybe'");
        assertThatThrownBy(() -> read(line("TLSUserName", "1.2.3.4")))
                .hasMessage("TLSUserName 1.2.3.4 is not supported yet: Ferry takes CommonName or EmailSubjAltName "
                        + "(custom OIDs are not supported)");
        assertThatThrownBy(() -> read(line("TLSCACertificateFile", "ca.pem")))
                .hasMessage("TLSCACertificateFile needs an absolute path, not 'ca.pem'");
    }

    @Test
    void verifyingWithoutCasAndUserNameWithoutVerifyingAreProblems() throws Exception {
        Directive verify = line("TLSVerifyClient", "on");
        assertThat(read(verify).problem()).contains(new ClientCertificateDirectives.Problem(verify,
                "TLSVerifyClient needs the CAs of the client certificates: TLSCACertificateFile or "
                        + "TLSCACertificatePath (Ferry does not fall back to a system-wide CA list)"));
        Directive userName = line("TLSUserName", "CommonName");
        assertThat(read(userName).problem()).contains(new ClientCertificateDirectives.Problem(userName,
                "TLSUserName needs client certificates: TLSVerifyClient on or optional"));
    }

    @Test
    void theSettingsGoIntoAServerWithTlsOnAndNotIntoOneWithTlsOff() throws Exception {
        ClientCertificateDirectives d = read(line("TLSVerifyClient", "on"), line("TLSCACertificateFile", "/ca.pem"),
                line("TLSUserName", "CommonName"));
        ServerConfig plain = ServerConfig.defaults(new DataDirectory(dir));
        assertThat(d.applyTo(plain)).isSameAs(plain);
        ServerConfig tls = plain.withTls(new TlsConfig(TlsPolicy.OPTIONAL,
                Optional.of(new TlsCertificate.SelfSigned(dir.resolve("tls"))), TlsConfig.SUPPORTED_PROTOCOLS,
                List.of()));
        assertThat(d.applyTo(tls).tls().clientCertificates()).isEqualTo(d.settings());
    }

    @Test
    void theLoaderTakesTheDirectivesInTheServerContextsAndReportsProblemsByLine() throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, """
                Port 2121
                TLSVerifyClient on
                TLSUserName CommonName
                <VirtualHost 127.0.0.2>
                  TLSVerifyClient optional
                  TLSCACertificateFile /etc/ftpd/ca.pem
                </VirtualHost>
                <Anonymous /srv/ftp>
                  User ftp
                  TLSCACertificateFile /etc/ftpd/ca.pem
                </Anonymous>
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError(new SourceLocation(file, 10), "TLSCACertificateFile is not allowed in "
                                + "<Anonymous>; it belongs in the server context or a <VirtualHost>"),
                        new ConfigError(new SourceLocation(file, 2), "TLSVerifyClient needs the CAs of the client "
                                + "certificates: TLSCACertificateFile or TLSCACertificatePath (Ferry does not fall "
                                + "back to a system-wide CA list)")));
    }
}
