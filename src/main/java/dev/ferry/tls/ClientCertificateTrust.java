package dev.ferry.tls;

import dev.ferry.config.ClientCertificates;
import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Verifies the certificates clients present (RFC 4217 §12, RFC 8446 §4.4.2.4) against the CAs
 * of one server: an RFC 5280 path from the client's certificate to one of them (PKIX, with
 * signatures, validity dates, CA basic constraints and key usages checked), and a leaf that may
 * serve for TLS client authentication (extended key usage clientAuth, key usage
 * digitalSignature, when the certificate restricts them). Revocation is not checked: no CRL or
 * OCSP is consulted, so a stolen certificate stays good until it expires or its CA is removed.
 *
 * <p>A refusal says why in words and names the subject: the session logs it with the failed
 * handshake ({@link HandshakeFailure}), since the client only sees a TLS alert.
 */
public final class ClientCertificateTrust extends X509ExtendedTrustManager {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private final List<X509Certificate> authorities;
    private final Set<TrustAnchor> anchors;

    private ClientCertificateTrust(List<X509Certificate> authorities) {
        this.authorities = List.copyOf(authorities);
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate ca : authorities) {
            set.add(new TrustAnchor(ca, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /** The CAs {@code settings} names: its CA file, then every certificate file of its CA directory. */
    public static ClientCertificateTrust load(ClientCertificates settings) throws TlsSetupException {
        List<X509Certificate> authorities = new ArrayList<>();
        if (settings.caFile().isPresent()) {
            Path file = settings.caFile().get();
            List<X509Certificate> found = read(file);
            if (found.isEmpty()) {
                throw new TlsSetupException(file + ": no CA certificate found (expected PEM "
                        + "\"-----BEGIN CERTIFICATE-----\" blocks)");
            }
            authorities.addAll(found);
        }
        if (settings.caDirectory().isPresent()) {
            authorities.addAll(readDirectory(settings.caDirectory().get()));
        }
        if (authorities.isEmpty()) {
            throw new TlsSetupException("no CA certificate for client certificates in "
                    + settings.caDirectory().map(Path::toString).orElse("the configuration"));
        }
        return of(authorities);
    }

    public static ClientCertificateTrust of(List<X509Certificate> authorities) {
        return new ClientCertificateTrust(new ArrayList<>(new LinkedHashSet<>(authorities)));
    }

    /**
     * OpenSSL's {@code CApath} holds PEM files, usually under their subject hash as well (symbolic
     * links made by {@code c_rehash}); duplicates are dropped, files without certificates skipped.
     */
    private static List<X509Certificate> readDirectory(Path directory) throws TlsSetupException {
        if (!Files.isDirectory(directory)) {
            throw new TlsSetupException(directory + ": not a directory of CA certificates");
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new TlsSetupException(directory + ": cannot list the CA directory: " + e.getMessage(), e);
        }
        List<X509Certificate> found = new ArrayList<>();
        for (Path file : files) {
            found.addAll(read(file));
        }
        if (found.isEmpty()) {
            throw new TlsSetupException(directory + ": no PEM CA certificate in the directory");
        }
        return found;
    }

    private static List<X509Certificate> read(Path file) throws TlsSetupException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TlsSetupException(file + ": permission denied");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TlsSetupException(file + ": not a readable PEM file (" + e.getMessage() + ")", e);
        }
        return certificates;
    }

    /** The CAs, named to clients in the CertificateRequest so that they pick a certificate those issued. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verify(chain, Instant.now());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verify(chain, Instant.now());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, Instant.now());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    /**
     * Accepts {@code chain} (leaf first) at {@code now}, or throws a
     * {@link ClientCertificateRefused} that says why (the failed handshake is logged with it).
     */
    public void verify(X509Certificate[] chain, Instant now) throws ClientCertificateRefused {
        if (chain == null || chain.length == 0) {
            throw refused("the client sent no certificate", null);
        }
        validatePath(chain, now);
        checkUsage(chain[0]);
    }

    private void validatePath(X509Certificate[] chain, Instant now) throws ClientCertificateRefused {
        X509Certificate leaf = chain[0];
        // the anchors are not part of the path (RFC 5280 §6.1): drop any the client sent along
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        while (!path.isEmpty() && authorities.contains(path.getLast())) {
            path.removeLast();
        }
        if (path.isEmpty()) { // the client's certificate is itself one of the trusted ones
            checkDates(leaf, now);
            return;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw refused(reason(e, path, now), leaf);
        } catch (GeneralSecurityException e) {
            throw refused("it cannot be verified (" + e.getMessage() + ")", leaf);
        }
    }

    private static void checkDates(X509Certificate certificate, Instant now) throws ClientCertificateRefused {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw refused("it expired on " + certificate.getNotAfter().toInstant(), certificate);
        } catch (CertificateNotYetValidException e) {
            throw refused("it is not valid before " + certificate.getNotBefore().toInstant(), certificate);
        }
    }

    private String reason(CertPathValidatorException e, List<X509Certificate> path, Instant now) {
        int index = e.getIndex();
        X509Certificate at = index >= 0 && index < path.size() ? path.get(index) : path.getFirst();
        String which = index <= 0 ? "it" : "its issuer " + at.getSubjectX500Principal().getName();
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return which + " expired on " + at.getNotAfter().toInstant();
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return which + " is not valid before " + at.getNotBefore().toInstant();
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return "unknown CA: it was issued by " + path.getLast().getIssuerX500Principal().getName()
                    + ", which is not among the server's client CAs";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return which + " does not carry a valid signature of its issuer";
        }
        if (e.getReason() == PKIXReason.NOT_CA_CERT || e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
            return which + " was issued by a certificate that may not issue certificates (" + e.getMessage() + ")";
        }
        return which + " cannot be verified (" + e.getMessage() + ")";
    }

    /** RFC 5280 §4.2.1.3 and §4.2.1.12: a certificate that restricts its uses must allow this one. */
    private static void checkUsage(X509Certificate leaf) throws ClientCertificateRefused {
        List<String> extended;
        try {
            extended = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw refused("its extended key usage cannot be read", leaf);
        }
        if (extended != null && !extended.contains(CLIENT_AUTH) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw refused("wrong usage: its extended key usage does not allow TLS client authentication "
                    + "(clientAuth)", leaf);
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE])) {
            throw refused("wrong usage: its key usage does not allow digitalSignature", leaf);
        }
    }

    private static ClientCertificateRefused refused(String why, X509Certificate leaf) {
        String subject = leaf == null ? "" : " (subject " + leaf.getSubjectX500Principal().getName() + ")";
        return new ClientCertificateRefused("client certificate refused: " + why + subject);
    }

    /** A client certificate that did not verify; the message says why, for the log. */
    public static final class ClientCertificateRefused extends CertificateException {
        public ClientCertificateRefused(String message) {
            super(message);
        }
    }
}
