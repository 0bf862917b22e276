package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.TlsCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate a server makes for itself: made once, kept private, reused. */
class SelfSignedCertificateTest {
    @TempDir
    Path data;

    @Test
    void madeOnceAndReusedAfterwards() throws Exception {
        TlsCertificate.SelfSigned source = new TlsCertificate.SelfSigned(data.resolve("tls"));
        KeyMaterial first = SelfSignedCertificate.ensure(source);
        byte[] certBytes = Files.readAllBytes(source.certificate());
        KeyMaterial second = SelfSignedCertificate.ensure(source);
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(Files.readAllBytes(source.certificate())).isEqualTo(certBytes);
        assertThat(Files.list(source.directory()).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("cert.pem", "key.pem");
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        TlsCertificate.SelfSigned source = new TlsCertificate.SelfSigned(data.resolve("tls"));
        SelfSignedCertificate.ensure(source);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(source.key()))).isEqualTo("rw-------");
        assertThat(Files.readString(source.key())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void namesAndLifetimeAreTheLocalOnes() throws Exception {
        X509Certificate cert = SelfSignedCertificate.generate("ftp.example.org").leaf();
        List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1", "ftp.example.org");
        assertThat(names).anyMatch(n -> n.equals("0:0:0:0:0:0:0:1") || n.equals("::1"));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertThat(days).isBetween(3652L, 3654L);
        assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
    }

    @Test
    void aKeyWithoutItsCertificateIsReportedNotReplaced() throws Exception {
        TlsCertificate.SelfSigned source = new TlsCertificate.SelfSigned(data.resolve("tls"));
        SelfSignedCertificate.ensure(source);
        Files.delete(source.certificate());
        assertThatThrownBy(() -> SelfSignedCertificate.ensure(source)).isInstanceOf(TlsSetupException.class)
                .hasMessage(source.certificate() + " is missing while " + source.key()
                        + " exists; remove both to have a new self-signed certificate made");
        assertThat(source.key()).exists();
    }
}
