package dev.ferry.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A server's FTPS settings (RFC 4217 explicit, and implicit "port 990" FTPS).
 *
 * @param policy        what is offered and what is required
 * @param certificate   the server's certificate; present whenever TLS is enabled
 * @param protocols     the TLS versions offered, a subset of TLSv1.2 and TLSv1.3
 * @param implicitBinds addresses where TLS starts at connect, before the banner, and data
 *                      connections are protected unless the client says PROT C (ProFTPD
 *                      {@code TLSOptions UseImplicitSSL}, Pure-FTPd's implicit-TLS build)
 * @param cipherSuites  the JSSE cipher suites offered, in order of preference; empty: the JDK's
 *                      defaults (ProFTPD {@code TLSCipherSuite}, Pure-FTPd {@code -J}; see
 *                      {@link CipherSuiteList})
 * @param clientCertificates whether clients are asked for certificates, and what those do for a login
 */
public record TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                        List<InetSocketAddress> implicitBinds, List<String> cipherSuites,
                        ClientCertificates clientCertificates) {

    /** The versions Ferry speaks: older ones are broken (RFC 8996). */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** No TLS. */
    public static final TlsConfig OFF = new TlsConfig(TlsPolicy.OFF, Optional.empty(), SUPPORTED_PROTOCOLS, List.of());

    /** With the JDK's default cipher suites and without client certificates. */
    public TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                     List<InetSocketAddress> implicitBinds) {
        this(policy, certificate, protocols, implicitBinds, List.of(), ClientCertificates.OFF);
    }

    /** Without client certificates. */
    public TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                     List<InetSocketAddress> implicitBinds, List<String> cipherSuites) {
        this(policy, certificate, protocols, implicitBinds, cipherSuites, ClientCertificates.OFF);
    }

    /** With the JDK's default cipher suites. */
    public TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                     List<InetSocketAddress> implicitBinds, ClientCertificates clientCertificates) {
        this(policy, certificate, protocols, implicitBinds, List.of(), clientCertificates);
    }

    public TlsConfig {
        Objects.requireNonNull(policy);
        Objects.requireNonNull(certificate);
        protocols = List.copyOf(protocols);
        implicitBinds = List.copyOf(implicitBinds);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty() || !Set.copyOf(SUPPORTED_PROTOCOLS).containsAll(protocols)) {
            throw new IllegalArgumentException("TLS protocols must be among " + String.join(", ", SUPPORTED_PROTOCOLS)
                    + ", not " + String.join(", ", protocols));
        }
        for (String version : protocols) {
            boolean tls13 = version.equals("TLSv1.3");
            if (!cipherSuites.isEmpty() && protocols.size() == 1
                    && cipherSuites.stream().noneMatch(s -> CipherSuiteList.isTls13(s) == tls13)) {
                throw new IllegalArgumentException("the cipher suites include none for " + version
                        + ", the only TLS version offered");
            }
        }
        if (policy.enabled() && certificate.isEmpty()) {
            throw new IllegalArgumentException("TLS is on but no certificate is configured");
        }
        if (!policy.enabled() && !implicitBinds.isEmpty()) {
            throw new IllegalArgumentException("implicit FTPS listeners need TLS on (level 1 or more)");
        }
        Objects.requireNonNull(clientCertificates);
        if (!policy.enabled() && clientCertificates.enabled()) {
            throw new IllegalArgumentException("client certificates need TLS on (level 1 or more)");
        }
    }

    /** These settings with {@code newClientCertificates}. */
    public TlsConfig withClientCertificates(ClientCertificates newClientCertificates) {
        return new TlsConfig(policy, certificate, protocols, implicitBinds, cipherSuites, newClientCertificates);
    }

    public boolean enabled() {
        return policy.enabled();
    }
}
