package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The FTPS switches of {@code ferry serve}, and pure-ftpd.conf's TLS, CertFile and CertFileAndKey. */
class TlsSwitchesTest {
    @TempDir
    Path temp;
    DataDirectory data;

    @BeforeEach
    void dataDirectory() {
        data = new DataDirectory(temp.resolve("data"));
    }

    private ServeSwitches.Built built(String... args) {
        ServeSwitches switches = new ServeSwitches();
        new CommandLine(switches).parseArgs(args);
        return switches.build(data);
    }

    private TlsConfig tls(String... args) {
        return built(args).server().tls();
    }

    @Test
    void byDefaultTlsIsOfferedWithASelfSignedCertificateInTheDataDirectory() {
        assertThat(tls()).isEqualTo(new TlsConfig(TlsPolicy.OPTIONAL,
                Optional.of(new TlsCertificate.SelfSigned(data.root().resolve("tls"))),
                List.of("TLSv1.3", "TLSv1.2"), List.of()));
    }

    @ParameterizedTest
    @CsvSource({"0, OFF", "1, OPTIONAL", "2, CONTROL", "3, CONTROL_AND_DATA"})
    void pureFtpdLevels(String number, TlsLevel level) {
        assertThat(tls("-Y", number).policy().level()).isEqualTo(level);
        assertThat(tls("--tls", number).policy().level()).isEqualTo(level);
    }

    @Test
    void anOutOfRangeLevelIsRefused() {
        assertThatThrownBy(() -> tls("-Y", "4")).hasMessage("-Y (--tls) takes 0, 1, 2 or 3, not '4'");
    }

    @Test
    void certfileTakesOneFileOrCertificateAndKey() {
        assertThat(tls("-2", "/etc/ssl/private/pure-ftpd.pem").certificate()).contains(new TlsCertificate.PemFiles(
                Path.of("/etc/ssl/private/pure-ftpd.pem"), Path.of("/etc/ssl/private/pure-ftpd.pem")));
        assertThat(tls("--certfile", "/etc/ftp/cert.pem,/etc/ftp/key.pem").certificate()).contains(
                new TlsCertificate.PemFiles(Path.of("/etc/ftp/cert.pem"), Path.of("/etc/ftp/key.pem")));
        assertThat(tls("--tls-cert", "/c.pem", "--tls-key", "/k.pem").certificate()).contains(
                new TlsCertificate.PemFiles(Path.of("/c.pem"), Path.of("/k.pem")));
    }

    @Test
    void pkcs12TakesItsPasswordFromAFile() throws Exception {
        Path password = Files.writeString(temp.resolve("pw"), "s3cret\n");
        assertThat(tls("--tls-pkcs12", "/etc/ftp/server.p12", "--tls-pkcs12-password-file", password.toString())
                .certificate()).contains(new TlsCertificate.Pkcs12File(Path.of("/etc/ftp/server.p12"), "s3cret"));
        assertThat(new TlsCertificate.Pkcs12File(Path.of("/x.p12"), "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void contradictionsAreRefused() {
        assertThatThrownBy(() -> tls("-2", "/a.pem", "--tls-cert", "/b.pem"))
                .hasMessage("give one certificate: -2 (--certfile), --tls-cert or --tls-pkcs12");
        assertThatThrownBy(() -> tls("--tls-key", "/k.pem")).hasMessage("--tls-key needs --tls-cert");
        assertThatThrownBy(() -> tls("-Y", "0", "--implicit-tls-bind", "127.0.0.1,990"))
                .hasMessage("--implicit-tls-bind needs TLS on; -Y 0 turns it off");
        assertThatThrownBy(() -> tls("--tls-protocols", "TLSv1.1")).hasMessage(
                "--tls-protocols: TLS protocols must be among TLSv1.3, TLSv1.2, not TLSv1.1");
    }

    @Test
    void tlsOffWithACertificateSaysItIsUnused() {
        ServeSwitches.Built b = built("-Y", "0", "-2", "/etc/ssl/ftp.pem");
        assertThat(b.server().tls()).isEqualTo(TlsConfig.OFF);
        assertThat(b.notes()).containsExactly("-Y 0 turns TLS off: the certificate is not used");
    }

    @Test
    void policySwitches() {
        TlsConfig t = tls("-Y", "3", "--tls-anonymous-exempt", "--tls-no-session-reuse-required",
                "--tls-protocols", "TLSv1.3", "--implicit-tls-bind", "127.0.0.1,9990", "--implicit-tls-bind", "::1");
        assertThat(t.policy()).isEqualTo(new TlsPolicy(TlsLevel.CONTROL_AND_DATA, true, false));
        assertThat(t.protocols()).containsExactly("TLSv1.3");
        assertThat(t.implicitBinds()).containsExactly(new InetSocketAddress("127.0.0.1", 9990),
                new InetSocketAddress("::1", 990));
    }

    @Test
    void pureFtpdConfTlsAndCertificateKeys() throws Exception {
        PureFtpdConf conf = PureFtpdConf.parse(Path.of("/etc/pure-ftpd.conf"), List.of(
                "TLS 2", "CertFileAndKey \"/etc/pure-ftpd.pem\" \"/etc/pure-ftpd.key\""));
        ServeSwitches switches = new ServeSwitches();
        CommandLine line = new CommandLine(switches);
        line.parseArgs();
        assertThat(PureFtpdConfOverlay.apply(conf, line)).isEmpty();
        TlsConfig t = switches.build(data).server().tls();
        assertThat(t.policy().level()).isEqualTo(TlsLevel.CONTROL);
        assertThat(t.certificate()).contains(new TlsCertificate.PemFiles(Path.of("/etc/pure-ftpd.pem"),
                Path.of("/etc/pure-ftpd.key")));

        PureFtpdConf one = PureFtpdConf.parse(Path.of("/etc/pure-ftpd.conf"), List.of("CertFile /etc/ssl/ftp.pem"));
        assertThat(one.settings().getFirst().arguments()).containsExactly("--certfile", "/etc/ssl/ftp.pem");
        assertThatThrownBy(() -> PureFtpdConf.parse(Path.of("/etc/pure-ftpd.conf"), List.of("TLS yes")))
                .isInstanceOf(PureFtpdConfException.class);
    }
}
