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
 * @param clientCertificates whether clients are asked for certificates, and what those do for a login
 */
public record TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                        List<InetSocketAddress> implicitBinds, ClientCertificates clientCertificates) {

    /** The versions Ferry speaks: older ones are broken (RFC 8996). */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** No TLS. */
    public static final TlsConfig OFF = new TlsConfig(TlsPolicy.OFF, Optional.empty(), SUPPORTED_PROTOCOLS, List.of());

    /** Without client certificates. */
    public TlsConfig(TlsPolicy policy, Optional<TlsCertificate> certificate, List<String> protocols,
                     List<InetSocketAddress> implicitBinds) {
        this(policy, certificate, protocols, implicitBinds, ClientCertificates.OFF);
    }

    public TlsConfig {
        Objects.requireNonNull(policy);
        Objects.requireNonNull(certificate);
        protocols = List.copyOf(protocols);
        implicitBinds = List.copyOf(implicitBinds);
        if (protocols.isEmpty() || !Set.copyOf(SUPPORTED_PROTOCOLS).containsAll(protocols)) {
            throw new IllegalArgumentException("TLS protocols must be among " + String.join(", ", SUPPORTED_PROTOCOLS)
                    + ", not " + String.join(", ", protocols));
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
        return new TlsConfig(policy, certificate, protocols, implicitBinds, newClientCertificates);
    }

    public boolean enabled() {
        return policy.enabled();
    }
}
