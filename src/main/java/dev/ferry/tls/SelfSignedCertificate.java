package dev.ferry.tls;

import dev.ferry.config.TlsCertificate;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a server uses when none is configured: made once, in DATA-DIR/tls, and reused
 * by every later start, so that clients which pinned its fingerprint keep trusting it. An EC
 * P-256 key (fast handshakes, small records), valid for ten years, for the names a client on
 * this machine uses: localhost, 127.0.0.1, ::1 and the host name. The key file is created
 * readable by its owner only, before any key byte is written.
 */
public final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(3653);

    private SelfSignedCertificate() {
    }

    /** The certificate in {@code source}'s directory, made now if there is none yet. */
    public static KeyMaterial ensure(TlsCertificate.SelfSigned source) throws TlsSetupException {
        Path cert = source.certificate();
        Path key = source.key();
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (haveCert && haveKey) {
            return CertificateFiles.readPem(cert, key);
        }
        if (haveCert || haveKey) {
            throw new TlsSetupException((haveCert ? key : cert) + " is missing while " + (haveCert ? cert : key)
                    + " exists; remove both to have a new self-signed certificate made");
        }
        KeyMaterial made = generate(hostName());
        try {
            write(source.directory(), made);
        } catch (IOException e) {
            throw new TlsSetupException(source.directory() + ": cannot store the self-signed certificate: "
                    + e.getMessage(), e);
        }
        LOG.info("made a self-signed certificate in {} (SHA-256 {})", cert, made.fingerprint());
        return made;
    }

    /** A new self-signed certificate for this machine's names and {@code host}. */
    static KeyMaterial generate(String host) throws TlsSetupException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + escape(host) + ",O=Ferry FTP server (self-signed)");
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            if (!host.equalsIgnoreCase("localhost") && host.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, host.toLowerCase(Locale.ROOT)));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsSetupException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Writes key and certificate under temporary names and moves them into place, the key
     * first: a crash leaves either nothing or a complete pair (an orphan key alone is reported
     * at the next start rather than silently replaced).
     */
    private static void write(Path directory, KeyMaterial material) throws IOException {
        Files.createDirectories(directory);
        Path keyTemp = createPrivate(directory.resolve(".key.pem.tmp"));
        Files.writeString(keyTemp, pem(new JcaPKCS8Generator(material.key(), null)), StandardCharsets.US_ASCII);
        Path certTemp = directory.resolve(".cert.pem.tmp");
        Files.writeString(certTemp, pem(material.leaf()), StandardCharsets.US_ASCII);
        move(keyTemp, directory.resolve(TlsCertificate.SelfSigned.KEY_FILE));
        move(certTemp, directory.resolve(TlsCertificate.SelfSigned.CERTIFICATE_FILE));
    }

    private static Path createPrivate(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException(file + " was created by another process at the same time", raced);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof JcaPKCS8Generator generator) {
                writer.writeObject(generator.generate());
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String escape(String value) {
        return value.replaceAll("[,+=\"\\\\<>;#]", "-");
    }
}
