package dev.ferry.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a server's TLS certificate and private key come from. One per server, so that a
 * {@code <VirtualHost>} can have its own.
 */
public sealed interface TlsCertificate {

    /** The files named in errors about this certificate. */
    String describe();

    /**
     * A PEM certificate chain (leaf first) and a PEM private key (PKCS#8, PKCS#1 RSA or EC);
     * both may be the same file, as Pure-FTPd's {@code -2 FILE} and ProFTPD's combined PEM files.
     * {@code chain}: more certificates to send after those of {@code certificate} (ProFTPD
     * {@code TLSCertificateChainFile}: the issuing CA first, up to the root).
     */
    record PemFiles(Path certificate, Path key, Optional<Path> chain) implements TlsCertificate {
        public PemFiles {
            certificate = certificate.toAbsolutePath().normalize();
            key = key.toAbsolutePath().normalize();
            chain = chain.map(c -> c.toAbsolutePath().normalize());
        }

        public PemFiles(Path certificate, Path key) {
            this(certificate, key, Optional.empty());
        }

        @Override
        public String describe() {
            return (certificate.equals(key) ? certificate.toString() : certificate + " and " + key)
                    + chain.map(c -> " (chain " + c + ")").orElse("");
        }
    }

    /** A PKCS#12 key store holding one private key and its chain. */
    record Pkcs12File(Path file, String password) implements TlsCertificate {
        public Pkcs12File {
            file = file.toAbsolutePath().normalize();
            Objects.requireNonNull(password);
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public String toString() {
            return "Pkcs12File[file=" + file + ", password=(hidden)]";
        }
    }

    /**
     * A self-signed certificate kept in {@code directory} (DATA-DIR/tls), made on the first start
     * that needs it and reused afterwards, so that a fresh server offers FTPS at once.
     */
    record SelfSigned(Path directory) implements TlsCertificate {
        public static final String CERTIFICATE_FILE = "cert.pem";
        public static final String KEY_FILE = "key.pem";

        public SelfSigned {
            directory = directory.toAbsolutePath().normalize();
        }

        public Path certificate() {
            return directory.resolve(CERTIFICATE_FILE);
        }

        public Path key() {
            return directory.resolve(KEY_FILE);
        }

        @Override
        public String describe() {
            return certificate() + " (self-signed)";
        }
    }
}
