package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.testkit.CertificateFixture;
import dev.ferry.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate problems reported at start and reload: dates, names, chain. */
class CertificateCheckTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private static KeyMaterial material(CertificateFixture leaf, CertificateFixture... more) {
        List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(leaf.certificate());
        for (CertificateFixture f : more) {
            chain.add(f.certificate());
        }
        return new KeyMaterial(leaf.keys().getPrivate(), chain);
    }

    @Test
    void aGoodCertificateHasNoProblem() {
        var fixture = CertificateFixture.selfSigned("ftp.example.test", "files.example.test");
        assertThat(CertificateCheck.problems(material(fixture), Set.of("ftp.example.test", "FILES.example.test"),
                NOW)).isEmpty();
    }

    @Test
    void datesOutsideTheValidityAreReportedWithTheDates() {
        Instant from = NOW.minus(Duration.ofDays(60));
        Instant until = NOW.minus(Duration.ofDays(30));
        var expired = CertificateFixture.selfSigned(from, until, "old.test");
        assertThat(CertificateCheck.problems(material(expired), Set.of(), NOW)).containsExactly(
                "certificate CN=old.test expired on " + until + " (valid from " + from + "); clients will refuse it");
        Instant later = NOW.plus(Duration.ofDays(2));
        Instant end = NOW.plus(Duration.ofDays(90));
        var early = CertificateFixture.selfSigned(later, end, "new.test");
        assertThat(CertificateCheck.problems(material(early), Set.of(), NOW)).containsExactly(
                "certificate CN=new.test is not valid yet: valid from " + later + " until " + end
                        + "; clients will refuse it");
    }

    @Test
    void namesTheCertificateDoesNotCoverAreReported() {
        var fixture = CertificateFixture.selfSigned("*.example.test");
        assertThat(CertificateCheck.problems(material(fixture),
                List.of("ftp.example.test", "a.b.example.test", "example.test"), NOW)).containsExactly(
                "certificate CN=*.example.test does not name a.b.example.test; clients that connect to "
                        + "a.b.example.test will refuse it",
                "certificate CN=*.example.test does not name example.test; clients that connect to example.test "
                        + "will refuse it");
    }

    @Test
    void aChainThatDoesNotVerifyIsReported() {
        var authority = CertificateFixture.selfSigned("Test CA");
        var leaf = authority.issue("leaf.test");
        assertThat(CertificateCheck.problems(material(leaf, authority), Set.of("leaf.test"), NOW)).isEmpty();
        assertThat(CertificateCheck.problems(material(leaf), Set.of("leaf.test"), NOW)).containsExactly(
                "certificate chain does not verify: CN=leaf.test is issued by CN=Test CA, which is neither in the "
                        + "chain nor a CA this Java runtime trusts (add the intermediate certificates: "
                        + "TLSCertificateChainFile, or append them to the certificate file)");
        var stranger = CertificateFixture.selfSigned("Other CA");
        assertThat(CertificateCheck.problems(material(leaf, stranger), Set.of("leaf.test"), NOW)).containsExactly(
                "certificate chain does not verify: CN=leaf.test is not signed by the next certificate, "
                        + "CN=Other CA (put the chain in order: server certificate first, then each issuer)");
    }

    @Test
    void startAndReloadLogTheProblemsAsWarningsAndGoOn() throws Exception {
        var expired = CertificateFixture.selfSigned(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)),
                "old.example.test");
        expired.writeCertificate(dir.resolve("old.pem"));
        expired.writeKey(dir.resolve("old.key"));
        var authority = CertificateFixture.selfSigned("Test CA");
        var leaf = authority.issue("files.example.test");
        leaf.writeCertificate(dir.resolve("files.pem"));
        leaf.writeKey(dir.resolve("files.key"));
        authority.writeCertificate(dir.resolve("chain.pem"));
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, """
                Port 2121
                DefaultAddress 127.0.0.1
                ServerName ftp.example.test
                TLSEngine on
                TLSECCertificateFile %1$s/old.pem
                TLSECCertificateKeyFile %1$s/old.key
                <VirtualHost 127.0.0.1>
                  ServerAlias files.example.test
                  TLSEngine on
                  TLSECCertificateFile %1$s/files.pem
                  TLSECCertificateKeyFile %1$s/files.key
                  TLSCertificateChainFile %1$s/chain.pem
                </VirtualHost>
                <VirtualHost 127.0.0.1>
                  ServerAlias www.example.test
                  TLSEngine on
                  TLSECCertificateFile %1$s/files.pem
                  TLSECCertificateKeyFile %1$s/files.key
                </VirtualHost>
                """.formatted(dir));
        FerryConfig config = ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty())
                .config();
        try (LogCapture log = LogCapture.attach()) {
            TlsContexts contexts = TlsContexts.load(config);
            assertThat(contexts.forServer(config.main())).isPresent();
            assertThat(contexts.forServer(config.servers().get(1)).orElseThrow().material().chain()).hasSize(2);
            String old = "server \"ftp.example.test\" on 127.0.0.1:2121: certificate CN=old.example.test";
            assertThat(log.at("WARN")).containsExactly(
                    old + " expired on " + expired.certificate().getNotAfter().toInstant() + " (valid from "
                            + expired.certificate().getNotBefore().toInstant() + "); clients will refuse it",
                    old + " does not name ftp.example.test; clients that connect to ftp.example.test will refuse it",
                    "virtual host www.example.test: certificate CN=files.example.test does not name www.example.test; "
                            + "clients that connect to www.example.test will refuse it",
                    "virtual host www.example.test: certificate chain does not verify: CN=files.example.test is "
                            + "issued by CN=Test CA, which is neither in the chain nor a CA this Java runtime trusts "
                            + "(add the intermediate certificates: TLSCertificateChainFile, or append them to the "
                            + "certificate file)");
        }
    }
}
