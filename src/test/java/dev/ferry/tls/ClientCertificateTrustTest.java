package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import dev.ferry.tls.TestCertificateAuthority.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How client certificates are judged: against which CAs, and what a refusal says. */
class ClientCertificateTrustTest {
    @TempDir
    static Path temp;
    static TestCertificateAuthority ca;
    static TestCertificateAuthority other;
    static Issued alice;

    @BeforeAll
    static void authorities() throws Exception {
        ca = TestCertificateAuthority.create("Test CA one");
        other = TestCertificateAuthority.create("Test CA two");
        alice = ca.issue("alice");
    }

    private static ClientCertificates settings(Optional<Path> file, Optional<Path> directory) {
        return new ClientCertificates(Verification.REQUIRED, file, directory, UserField.COMMON_NAME,
                LoginMode.PASSWORD, false);
    }

    @Test
    void aCaFileTrustsItsCertificatesAndNamesThemToClients() throws Exception {
        Path bundle = temp.resolve("bundle.pem");
        Files.writeString(bundle, TestCertificateAuthority.pem(ca.certificate())
                + TestCertificateAuthority.pem(other.certificate()));
        ClientCertificateTrust trust = ClientCertificateTrust.load(settings(Optional.of(bundle), Optional.empty()));
        assertThat(trust.getAcceptedIssuers()).containsExactly(ca.certificate(), other.certificate());
        trust.verify(new X509Certificate[] {alice.certificate()}, Instant.now());
        trust.verify(new X509Certificate[] {alice.certificate(), ca.certificate()}, Instant.now());
    }

    @Test
    void aCaDirectoryIsReadWholeSkippingFilesWithoutCertificates() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("capath"));
        other.writeCertificate(directory.resolve("two.pem"));
        Files.writeString(directory.resolve("README"), "not a certificate\n");
        ClientCertificateTrust trust = ClientCertificateTrust.load(settings(Optional.empty(), Optional.of(directory)));
        assertThat(trust.getAcceptedIssuers()).containsExactly(other.certificate());
        assertThatThrownBy(() -> trust.verify(new X509Certificate[] {alice.certificate()}, Instant.now()))
                .isInstanceOf(ClientCertificateTrust.ClientCertificateRefused.class)
                .hasMessage("client certificate refused: unknown CA: it was issued by CN=Test CA one, which is not "
                        + "among the server's client CAs (subject O=Ferry tests,CN=alice)");
    }

    @Test
    void aCertificateIsJudgedAtTheTimeGiven() {
        ClientCertificateTrust trust = ClientCertificateTrust.of(List.of(ca.certificate()));
        Instant later = alice.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
        assertThatThrownBy(() -> trust.verify(new X509Certificate[] {alice.certificate()}, later))
                .hasMessage("client certificate refused: it expired on " + alice.certificate().getNotAfter().toInstant()
                        + " (subject O=Ferry tests,CN=alice)");
        Instant earlier = alice.certificate().getNotBefore().toInstant().minus(Duration.ofDays(1));
        assertThatThrownBy(() -> trust.verify(new X509Certificate[] {alice.certificate()}, earlier))
                .hasMessage("client certificate refused: it is not valid before "
                        + alice.certificate().getNotBefore().toInstant() + " (subject O=Ferry tests,CN=alice)");
    }

    @Test
    void missingOrEmptyCaFilesStopTheStart() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.pem"), "");
        assertThatThrownBy(() -> ClientCertificateTrust.load(settings(Optional.of(empty), Optional.empty())))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(empty + ": no CA certificate found (expected PEM \"-----BEGIN CERTIFICATE-----\" blocks)");
        Path missing = temp.resolve("missing.pem");
        assertThatThrownBy(() -> ClientCertificateTrust.load(settings(Optional.of(missing), Optional.empty())))
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aServerSideTrustManagerJudgesNoServers() {
        ClientCertificateTrust trust = ClientCertificateTrust.of(List.of(ca.certificate()));
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {alice.certificate()}, "EC"))
                .hasMessage("a server-side trust manager does not judge servers");
    }
}
