package dev.ferry.tls;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.TlsConfig;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * One server certificate ready for handshakes: a JSSE context (whose session cache and ticket
 * keys every connection of the server shares, which is what lets data connections resume the
 * control connection's session) and the engine settings: server side, TLS 1.2/1.3 only, a
 * client certificate asked for on control connections only, where the server verifies them
 * ({@link ClientCertificateTrust}), and ALPN limited to "ftp" so that a client speaking another protocol
 * through this port is turned away in the handshake (ALPACA, CVE-2021-3618). The certificate
 * presented is chosen by {@link VirtualHostKeyManager}: the virtual host the client names in SNI,
 * else this server's.
 */
public final class TlsContext {
    /** The ALPN name of FTP (IANA "ftp", RFC 7301 registry). */
    private static final String[] APPLICATION_PROTOCOLS = {"ftp"};

    private final SSLContext context;
    private final KeyMaterial material;
    private final String[] protocols;
    /** Empty: the JDK's defaults. */
    private final String[] cipherSuites;
    private final ClientCertificates.Verification clientVerification;

    private TlsContext(SSLContext context, KeyMaterial material, List<String> protocols, List<String> cipherSuites,
                       ClientCertificates.Verification clientVerification) {
        this.context = context;
        this.material = material;
        this.protocols = protocols.toArray(String[]::new);
        this.cipherSuites = cipherSuites.toArray(String[]::new);
        this.clientVerification = clientVerification;
    }

    /** The context for {@code config}'s certificate (made first if it is a self-signed one not yet made). */
    public static TlsContext load(TlsConfig config) throws TlsSetupException {
        var source = config.certificate().orElseThrow(() -> new TlsSetupException("TLS is on but no certificate is set"));
        return of(CertificateFiles.read(source), Map.of(), config.protocols(), config.cipherSuites(),
                config.clientCertificates());
    }

    public static TlsContext of(KeyMaterial material, List<String> protocols) throws TlsSetupException {
        return of(material, Map.of(), protocols, List.of(), ClientCertificates.OFF);
    }

    /**
     * @param byName       other virtual hosts' certificates, by the host names a client may ask
     *                     for with SNI
     * @param cipherSuites JSSE suite names; empty for the JDK's defaults
     * @param clients      whether and how control connections ask for client certificates
     */
    public static TlsContext of(KeyMaterial material, Map<String, KeyMaterial> byName, List<String> protocols,
                                List<String> cipherSuites, ClientCertificates clients) throws TlsSetupException {
        TrustManager[] clientTrust = clients.enabled() ? new TrustManager[] {ClientCertificateTrust.load(clients)} : null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new VirtualHostKeyManager(material, byName)}, clientTrust, null);
            return new TlsContext(context, material, protocols, cipherSuites, clients.verification());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot use the certificate " + material.leaf().getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh server-side engine for a control connection: as {@link #serverEngine}, and asking
     * for a client certificate where the server verifies them (RFC 4217 §12).
     */
    public SSLEngine controlEngine() {
        SSLEngine engine = serverEngine();
        if (clientVerification != ClientCertificates.Verification.OFF) {
            SSLParameters parameters = engine.getSSLParameters();
            if (clientVerification == ClientCertificates.Verification.REQUIRED) {
                parameters.setNeedClientAuth(true);
            } else {
                parameters.setWantClientAuth(true);
            }
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /**
     * A fresh server-side engine for one connection, asking for no client certificate. Data
     * connections use it: they resume the control connection's session, whose client
     * certificate JSSE keeps with the session (an abbreviated handshake asks for none); JSSE
     * resumes a session whatever this engine's client-auth setting, refusing only when it needs
     * a certificate the session lacks, which it never does here.
     */
    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        if (cipherSuites.length > 0) {
            parameters.setCipherSuites(cipherSuites);
        }
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS);
        parameters.setSNIMatchers(List.of(new VirtualHostKeyManager.RequestedName()));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return engine;
    }

    public KeyMaterial material() {
        return material;
    }

    public List<String> protocols() {
        return List.of(protocols);
    }

    public List<String> cipherSuites() {
        return List.of(cipherSuites);
    }
}
