package dev.ferry.tls;

import dev.ferry.config.TlsCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a server certificate and its key: PEM files as OpenSSL writes them (certificate chain,
 * and a key in PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY" or SEC 1 "EC PRIVATE KEY" form),
 * or a PKCS#12 store. Every failure names the file and what is wrong with it.
 */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    /** The key and chain {@code source} names; a self-signed source is made first if it does not exist. */
    public static KeyMaterial read(TlsCertificate source) throws TlsSetupException {
        return switch (source) {
            case TlsCertificate.PemFiles pem -> readPem(pem.certificate(), pem.key(), pem.chain());
            case TlsCertificate.Pkcs12File p12 -> readPkcs12(p12.file(), p12.password().toCharArray());
            case TlsCertificate.SelfSigned self -> SelfSignedCertificate.ensure(self);
        };
    }

    /** A PEM certificate chain and a PEM private key (which may be in the same file). */
    public static KeyMaterial readPem(Path certificateFile, Path keyFile) throws TlsSetupException {
        return readPem(certificateFile, keyFile, java.util.Optional.empty());
    }

    /** As {@link #readPem(Path, Path)}, with the certificates of {@code chainFile} sent after the server's. */
    public static KeyMaterial readPem(Path certificateFile, Path keyFile, java.util.Optional<Path> chainFile)
            throws TlsSetupException {
        List<X509Certificate> chain = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        parse(certificateFile, chain, keys);
        if (!keyFile.equals(certificateFile)) {
            parse(keyFile, new ArrayList<>(), keys);
        }
        if (chainFile.isPresent() && !chain.isEmpty()) {
            List<X509Certificate> more = new ArrayList<>();
            List<PrivateKey> strayKeys = new ArrayList<>();
            parse(chainFile.get(), more, strayKeys);
            if (more.isEmpty() || !strayKeys.isEmpty()) {
                throw new TlsSetupException(chainFile.get() + ": expected CA certificates only (PEM "
                        + "\"-----BEGIN CERTIFICATE-----\" blocks, the issuer first)");
            }
            chain.addAll(more);
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException(certificateFile + ": no certificate found (expected a PEM "
                    + "\"-----BEGIN CERTIFICATE-----\" block)");
        }
        if (keys.isEmpty()) {
            throw new TlsSetupException(keyFile + ": no private key found (expected a PEM \"PRIVATE KEY\", "
                    + "\"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\" block)");
        }
        if (keys.size() > 1) {
            throw new TlsSetupException(keyFile + ": more than one private key; keep only the server's");
        }
        try {
            return new KeyMaterial(keys.getFirst(), chain);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(keyFile + ": " + e.getMessage() + " in " + certificateFile);
        }
    }

    private static void parse(Path file, List<X509Certificate> certificates, List<PrivateKey> keys)
            throws TlsSetupException {
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                switch (item) {
                    case X509CertificateHolder holder -> certificates.add(certificateConverter.getCertificate(holder));
                    // the private half only: an SEC 1 key may come without its public key
                    case PEMKeyPair pair -> keys.add(keyConverter.getPrivateKey(pair.getPrivateKeyInfo()));
                    case PrivateKeyInfo info -> keys.add(keyConverter.getPrivateKey(info));
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    // "EC PARAMETERS" blocks that openssl ecparam writes before the key
                    case ASN1ObjectIdentifier ignored -> { }
                    case X9ECParameters ignored -> { }
                    default -> throw new TlsSetupException(file + ": unexpected PEM block ("
                            + item.getClass().getSimpleName() + "); expected certificates and a private key");
                }
            }
        } catch (TlsSetupException e) {
            throw e;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TlsSetupException(file + ": permission denied");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TlsSetupException(file + ": not a readable PEM file (" + e.getMessage() + ")", e);
        }
    }

    private static TlsSetupException encrypted(Path file) {
        return new TlsSetupException(file + ": the private key is encrypted; Ferry needs it unencrypted "
                + "(openssl pkey -in KEY -out KEY.plain), readable only by the server's user");
    }

    /** A PKCS#12 store with one private key entry. */
    public static KeyMaterial readPkcs12(Path file, char[] password) throws TlsSetupException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException(file + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getCause() instanceof javax.crypto.BadPaddingException
                    || String.valueOf(e.getMessage()).contains("password") ? "wrong password or not a PKCS#12 file"
                    : String.valueOf(e.getMessage());
            throw new TlsSetupException(file + ": cannot open the PKCS#12 store: " + why, e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate c : chain) {
                        certificates.add((X509Certificate) c);
                    }
                    return new KeyMaterial(privateKey, certificates);
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new TlsSetupException(file + ": " + e.getMessage(), e);
        }
        throw new TlsSetupException(file + ": no private key with a certificate chain in the PKCS#12 store");
    }
}
