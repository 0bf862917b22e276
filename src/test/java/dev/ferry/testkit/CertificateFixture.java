package dev.ferry.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a certificate for it, made on the spot (EC P-256), self-signed or issued by
 * another fixture, with the host names given as subjectAltName dNSNames. Self-signed ones are
 * marked CA so that OpenSSL clients (curl --cacert) accept them as their own trust anchor, as
 * {@code openssl req -x509} makes them.
 *
 * @param keys        the key pair
 * @param certificate the certificate, CN the first name
 */
public record CertificateFixture(KeyPair keys, X509Certificate certificate) {

    /** Valid from an hour ago for thirty days. */
    public static CertificateFixture selfSigned(String... names) {
        Instant now = Instant.now();
        return make(null, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), List.of(names));
    }

    /** Self-signed, valid from {@code notBefore} until {@code notAfter}. */
    public static CertificateFixture selfSigned(Instant notBefore, Instant notAfter, String... names) {
        return make(null, notBefore, notAfter, List.of(names));
    }

    /** Issued (signed) by {@code issuer}, valid from an hour ago for thirty days. */
    public CertificateFixture issue(String... names) {
        Instant now = Instant.now();
        return make(this, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), List.of(names));
    }

    private static CertificateFixture make(CertificateFixture issuer, Instant notBefore, Instant notAfter,
                                           List<String> names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names.getFirst());
            X500Name issuerName = issuer == null ? subject
                    : new X500Name(issuer.certificate.getSubjectX500Principal().getName());
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(62, new SecureRandom()),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            GeneralName[] alternatives = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(issuer == null));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuer == null ? keys.getPrivate() : issuer.keys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertificateFixture(keys, certificate);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public String certificatePem() {
        return pem(certificate);
    }

    public String keyPem() {
        try {
            return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the certificate (PEM) to {@code file}. */
    public Path writeCertificate(Path file) throws IOException {
        return Files.writeString(file, certificatePem());
    }

    /** Writes the private key (PKCS#8 PEM) to {@code file}. */
    public Path writeKey(Path file) throws IOException {
        return Files.writeString(file, keyPem());
    }

    /** SHA-256 of the certificate, upper-case hex pairs joined by colons (as Ferry logs it). */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(java.security.cert.Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
