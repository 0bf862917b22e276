package dev.ferry.tls;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What is wrong with a server certificate that clients will notice: validity dates, the host
 * names it covers (RFC 6125 §6.4: subjectAltName dNSName, with a wildcard for one left-most label;
 * the CN only when there is no dNSName), and a chain that does not verify (each certificate
 * signed by the next, the last one trusted by the JDK's CA store unless it is self-signed). Only
 * reported: the server starts anyway, as ProFTPD's mod_tls does with an expired certificate, so
 * that a client which pinned the certificate keeps working while a new one is obtained.
 */
public final class CertificateCheck {

    private CertificateCheck() {
    }

    /**
     * One line per problem, each naming the certificate; empty when there is none.
     *
     * @param names the host names the server answers to (ServerName, ServerAlias, {@code <VirtualHost>} names)
     */
    public static List<String> problems(KeyMaterial material, Collection<String> names, Instant now) {
        List<String> problems = new ArrayList<>();
        X509Certificate leaf = material.leaf();
        String subject = leaf.getSubjectX500Principal().getName();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            problems.add("certificate " + subject + " expired on " + notAfter + " (valid from " + notBefore
                    + "); clients will refuse it");
        } else if (now.isBefore(notBefore)) {
            problems.add("certificate " + subject + " is not valid yet: valid from " + notBefore + " until "
                    + notAfter + "; clients will refuse it");
        }
        for (String name : names) {
            if (!covers(leaf, name)) {
                problems.add("certificate " + subject + " does not name " + name + "; clients that connect to "
                        + name + " will refuse it");
            }
        }
        chainProblem(material.chain()).ifPresent(problems::add);
        return List.copyOf(problems);
    }

    /** Whether {@code leaf} is valid for {@code host} (a DNS name or an address literal). */
    static boolean covers(X509Certificate leaf, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        if (wanted.endsWith(".")) {
            wanted = wanted.substring(0, wanted.length() - 1);
        }
        boolean literal = wanted.matches("[0-9.]+") || wanted.contains(":");
        List<String> dnsNames = new ArrayList<>();
        try {
            var alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    String value = String.valueOf(entry.get(1));
                    if (type == 2) {
                        dnsNames.add(value.toLowerCase(Locale.ROOT));
                    } else if (type == 7 && literal && sameAddress(value, wanted)) {
                        return true;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (literal) {
            return false;
        }
        if (dnsNames.isEmpty()) {
            commonName(leaf).ifPresent(dnsNames::add);
        }
        for (String pattern : dnsNames) {
            if (pattern.equals(wanted)) {
                return true;
            }
            if (pattern.startsWith("*.") && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.')).equals(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> commonName(X509Certificate leaf) {
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Each certificate must be signed by the one after it (the order TLSCertificateChainFile
     * documents); the last must be self-signed or issued by a CA the JDK trusts, else clients
     * lacking the missing intermediate cannot build a path.
     */
    private static Optional<String> chainProblem(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())
                    || !signedBy(child, parent)) {
                return Optional.of("certificate chain does not verify: "
                        + child.getSubjectX500Principal().getName() + " is not signed by the next certificate, "
                        + parent.getSubjectX500Principal().getName() + " (put the chain in order: server "
                        + "certificate first, then each issuer)");
            }
        }
        X509Certificate top = chain.getLast();
        if (top.getIssuerX500Principal().equals(top.getSubjectX500Principal()) && signedBy(top, top)) {
            return Optional.empty();
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : systemAuthorities()) {
                anchors.add(new TrustAnchor(ca, null));
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            // at a moment the server certificate is valid: its dates are reported on their own
            long from = chain.getFirst().getNotBefore().getTime();
            long until = chain.getFirst().getNotAfter().getTime();
            parameters.setDate(new java.util.Date(from + (until - from) / 2));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("certificate chain does not verify: "
                    + top.getSubjectX500Principal().getName() + " is issued by " + top.getIssuerX500Principal()
                    .getName() + ", which is neither in the chain nor a CA this Java runtime trusts (add the "
                    + "intermediate certificates: TLSCertificateChainFile, or append them to the certificate file)");
        }
    }

    private static boolean signedBy(X509Certificate child, X509Certificate parent) {
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static List<X509Certificate> systemAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return List.of(x509.getAcceptedIssuers());
            }
        }
        return List.of();
    }
}
