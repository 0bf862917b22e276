package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the server certificate: PEM in its key forms, PKCS#12, and the mistakes people make. */
class CertificateFilesTest {
    private static KeyPair rsa;
    private static KeyPair ec;
    private static X509Certificate rsaCert;
    private static X509Certificate ecCert;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestCertificates.rsa();
        ec = TestCertificates.ec();
        rsaCert = TestCertificates.certificate(rsa, "rsa.example");
        ecCert = TestCertificates.certificate(ec, "ec.example");
    }

    @Test
    void pemCertificateWithPkcs1RsaKey() throws Exception {
        Path cert = TestCertificates.write(dir.resolve("cert.pem"), TestCertificates.pem(rsaCert));
        Path key = TestCertificates.write(dir.resolve("key.pem"), TestCertificates.pemTraditional(rsa));
        assertThat(java.nio.file.Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        KeyMaterial m = CertificateFiles.readPem(cert, key);
        assertThat(m.leaf()).isEqualTo(rsaCert);
        assertThat(m.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void pemCertificateWithEcKey() throws Exception {
        Path cert = TestCertificates.write(dir.resolve("cert.pem"), TestCertificates.pem(ecCert));
        Path key = TestCertificates.write(dir.resolve("key.pem"), TestCertificates.pemTraditional(ec));
        assertThat(java.nio.file.Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(CertificateFiles.readPem(cert, key).leaf()).isEqualTo(ecCert);
    }

    @Test
    void oneFileWithPkcs8KeyAndChain() throws Exception {
        KeyPair ca = TestCertificates.ec();
        X509Certificate intermediate = TestCertificates.certificate(ca, "intermediate.example");
        Path both = TestCertificates.write(dir.resolve("server.pem"), TestCertificates.pemPkcs8(ec),
                TestCertificates.pem(ecCert), TestCertificates.pem(intermediate));
        KeyMaterial m = CertificateFiles.readPem(both, both);
        assertThat(m.chain()).containsExactly(ecCert, intermediate);
        assertThat(m.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void pkcs12WithPassword() throws Exception {
        Path store = TestCertificates.pkcs12(dir.resolve("server.p12"), ec, ecCert, "s3cret".toCharArray());
        KeyMaterial m = CertificateFiles.readPkcs12(store, "s3cret".toCharArray());
        assertThat(m.chain()).isEqualTo(List.of(ecCert));
        assertThat(TlsContext.of(m, List.of("TLSv1.3")).serverEngine().getEnabledProtocols())
                .containsExactly("TLSv1.3");
    }

    @Test
    void pkcs12WithTheWrongPasswordNamesTheFile() throws Exception {
        Path store = TestCertificates.pkcs12(dir.resolve("server.p12"), ec, ecCert, "s3cret".toCharArray());
        assertThatThrownBy(() -> CertificateFiles.readPkcs12(store, "wrong".toCharArray()))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith(store + ": cannot open the PKCS#12 store");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = TestCertificates.write(dir.resolve("cert.pem"), TestCertificates.pem(rsaCert));
        Path key = TestCertificates.write(dir.resolve("key.pem"), TestCertificates.pemPkcs8(TestCertificates.rsa()));
        assertThatThrownBy(() -> CertificateFiles.readPem(cert, key)).isInstanceOf(TlsSetupException.class)
                .hasMessage(key + ": the private key does not belong to the certificate CN=rsa.example in " + cert);
    }

    @Test
    void aKeyOfAnotherTypeIsRefused() throws Exception {
        Path cert = TestCertificates.write(dir.resolve("cert.pem"), TestCertificates.pem(rsaCert));
        Path key = TestCertificates.write(dir.resolve("key.pem"), TestCertificates.pemPkcs8(ec));
        assertThatThrownBy(() -> CertificateFiles.readPem(cert, key)).isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void missingFilesAndMissingPartsAreNamed() throws Exception {
        Path cert = TestCertificates.write(dir.resolve("cert.pem"), TestCertificates.pem(rsaCert));
        Path nothing = dir.resolve("nothing.pem");
        assertThatThrownBy(() -> CertificateFiles.readPem(cert, nothing)).hasMessage(nothing + ": no such file");
        assertThatThrownBy(() -> CertificateFiles.readPem(cert, cert))
                .hasMessageStartingWith(cert + ": no private key found");
        Path keyOnly = TestCertificates.write(dir.resolve("key.pem"), TestCertificates.pemPkcs8(rsa));
        assertThatThrownBy(() -> CertificateFiles.readPem(keyOnly, keyOnly))
                .hasMessageStartingWith(keyOnly + ": no certificate found");
        Path junk = TestCertificates.write(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CertificateFiles.readPem(junk, keyOnly))
                .hasMessageStartingWith(junk + ": not a readable PEM file");
    }
}
