package dev.ferry.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server certificate by the host name the client asked for in its ClientHello
 * (RFC 6066 §3, server_name): the certificate of the virtual host of that name, so that several
 * name-based {@code <VirtualHost>}s with their own certificates share one address and port
 * (ProFTPD 1.3.7 mod_tls, proftpd#850). Without SNI, or with a name no virtual host here has,
 * the certificate of the server the connection belongs to. A name that does select a virtual
 * host selects only its certificate: if its key type does not suit the handshake, the handshake
 * fails rather than falling back to another host's certificate.
 */
public final class VirtualHostKeyManager extends X509ExtendedKeyManager {
    private static final String OWN = "server";

    /** Alias to key material; {@link #OWN} first. */
    private final Map<String, KeyMaterial> byAlias = new LinkedHashMap<>();
    /** Lower-case host name to alias. */
    private final Map<String, String> aliasByName = new LinkedHashMap<>();

    /**
     * @param own    the certificate of the server the connection belongs to
     * @param byName other virtual hosts' certificates, by each host name they answer to
     */
    VirtualHostKeyManager(KeyMaterial own, Map<String, KeyMaterial> byName) {
        byAlias.put(OWN, own);
        Map<KeyMaterial, String> aliasOf = new LinkedHashMap<>();
        aliasOf.put(own, OWN);
        for (Map.Entry<String, KeyMaterial> e : byName.entrySet()) {
            String alias = aliasOf.computeIfAbsent(e.getValue(), m -> "vhost-" + aliasOf.size());
            byAlias.putIfAbsent(alias, e.getValue());
            aliasByName.put(e.getKey().toLowerCase(Locale.ROOT), alias);
        }
    }

    /**
     * One connection's SNI, as JSSE hands it over while it reads the ClientHello. Every host
     * name is accepted, so that the server acknowledges the client's SNI (RFC 6066 §3: an empty
     * server_name extension in the reply when the name was used): OpenSSL clients record the name
     * with the session only when it is acknowledged, and resume a session only under the name it
     * was made for (RFC 8446 §4.6.1), so without it curl would not resume the control
     * connection's session on data connections, which Ferry requires. A name no virtual host has
     * is accepted too: the server's own certificate is presented, and the client judges it.
     *
     * <p>The name is kept here because JSSE restores a TLS 1.3 session from its ticket, and asks
     * this key manager which certificate it would present, before it reads the server_name (and
     * before the handshake session, with {@link ExtendedSSLSession#getRequestedServerNames},
     * exists): {@link #peek} takes the name from the ClientHello first.
     */
    static final class RequestedName extends SNIMatcher {
        private volatile String name;

        RequestedName() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            try {
                name = new SNIHostName(serverName.getEncoded()).getAsciiName().toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                name = null; // not a valid host name: no virtual host has it
            }
            return true;
        }

        Optional<String> name() {
            return Optional.ofNullable(name);
        }

        /**
         * Before JSSE reads the client's first flight: takes the name from the ClientHello in
         * {@code received} once its first record is whole ({@link ClientHelloPeek}).
         *
         * @return true once nothing more is to be read from the ClientHello
         */
        static boolean peek(SSLEngine engine, java.nio.ByteBuffer received) {
            if (!ClientHelloPeek.firstRecordComplete(received)) {
                return false;
            }
            for (SNIMatcher matcher : engine.getSSLParameters().getSNIMatchers()) {
                if (matcher instanceof RequestedName recorded) {
                    recorded.name = ClientHelloPeek.serverName(received).orElse(null);
                }
            }
            return true;
        }
    }

    /** The host name the client sent as SNI in the handshake of {@code session}, lower-case. */
    public static Optional<String> requestedName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                return Optional.of(host.getAsciiName().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = requestedName(engine).map(aliasByName::get).orElse(OWN);
        return suits(byAlias.get(alias), keyType) ? alias : null;
    }

    private static Optional<String> requestedName(SSLEngine engine) {
        if (engine == null) {
            return Optional.empty();
        }
        SSLSession handshake = engine.getHandshakeSession();
        Optional<String> named = handshake == null ? Optional.empty() : requestedName(handshake);
        if (named.isPresent()) {
            return named;
        }
        for (SNIMatcher matcher : engine.getSSLParameters().getSNIMatchers()) {
            if (matcher instanceof RequestedName recorded) {
                return recorded.name();
            }
        }
        return Optional.empty();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return suits(byAlias.get(OWN), keyType) ? OWN : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        List<String> aliases = new ArrayList<>();
        byAlias.forEach((alias, material) -> {
            if (suits(material, keyType)) {
                aliases.add(alias);
            }
        });
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyMaterial material = byAlias.get(alias);
        return material == null ? null : material.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyMaterial material = byAlias.get(alias);
        return material == null ? null : material.key();
    }

    /** JSSE asks by key algorithm ("RSA", "EC", "RSASSA-PSS", "EdDSA"); "EC" keys may say "ECDSA". */
    private static boolean suits(KeyMaterial material, String keyType) {
        String algorithm = material.key().getAlgorithm();
        if (keyType == null) {
            return true;
        }
        return keyType.equalsIgnoreCase(algorithm)
                || (keyType.equals("EC") && algorithm.equals("ECDSA"))
                || (keyType.equals("EdDSA") && (algorithm.equals("Ed25519") || algorithm.equals("Ed448")));
    }

    // a server never authenticates itself as a client

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
