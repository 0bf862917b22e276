package dev.ferry.auth.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.ferry.auth.password.PasswordBytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The connections to one directory: a small pool bound as the service account for searches, and
 * a fresh connection for each password to check by binding, so that a user's bind never changes
 * the identity of a pooled connection. Nothing connects until the first login, so a directory that
 * is down when Ferry starts does not keep it from starting. Servers are tried in order.
 */
final class DirectoryConnections implements AutoCloseable {
    /** Enough for the logins of a busy server; each is one search (and a bind) of milliseconds. */
    private static final int MAX_POOLED = 4;
    private static final long MAX_CONNECTION_AGE_MILLIS = 10 * 60 * 1000L;

    private final ServerSet servers;
    private final BindRequest serviceBind;
    private final long timeoutMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private LDAPConnectionPool pool;
    private boolean closed;

    /**
     * @throws IllegalArgumentException when the CA file cannot be read
     */
    DirectoryConnections(LdapSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.queryTimeout().toMillis());
        // the SDK's own guard against unauthenticated binds (RFC 4513 §5.1.2), under Ferry's
        options.setBindWithDNRequiresPassword(true);
        // no reader thread per connection: each login's virtual thread waits for its own answer
        options.setUseSynchronousMode(true);
        SSLSocketFactory tls = null;
        if (settings.servers().stream().anyMatch(settings::encrypts)) {
            tls = tlsSockets(settings);
        }
        List<ServerSet> sets = new ArrayList<>();
        for (LdapSettings.Server server : settings.servers()) {
            if (server.ldaps()) {
                sets.add(new SingleServerSet(server.host(), server.port(), tls, options));
            } else if (settings.startTls()) {
                PostConnectProcessor startTls = new StartTLSPostConnectProcessor(tls);
                sets.add(new SingleServerSet(server.host(), server.port(), null, options, null, startTls));
            } else {
                sets.add(new SingleServerSet(server.host(), server.port(), options));
            }
        }
        this.servers = sets.size() == 1 ? sets.getFirst() : new FailoverServerSet(sets);
        this.serviceBind = settings.bind()
                .map(c -> (BindRequest) new SimpleBindRequest(c.dn(), c.password()))
                .orElse(null);
        this.timeoutMillis = settings.queryTimeout().toMillis();
    }

    /** Searches with the service account's identity. */
    SearchResult search(SearchRequest request) throws LDAPException {
        return pool().search(request);
    }

    /**
     * Binds as {@code dn} with {@code password} on a connection of its own, then closes it.
     *
     * @throws LDAPException with {@code INVALID_CREDENTIALS} for a wrong password, or whatever
     *                       else kept the bind from succeeding
     */
    void bindAs(String dn, char[] password) throws LDAPException {
        byte[] secret = PasswordBytes.utf8(password);
        try (LDAPConnection connection = servers.getConnection()) {
            connection.bind(new SimpleBindRequest(dn, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private LDAPConnectionPool pool() throws LDAPException {
        lock.lock();
        try {
            if (closed) {
                throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR, "the LDAP source is closed");
            }
            if (pool == null) {
                // No connection is opened here: the first search opens one, and a failure then is that login's.
                LDAPConnectionPool created = new LDAPConnectionPool(servers, serviceBind, 0, MAX_POOLED, null, false);
                created.setConnectionPoolName("ferry-ldap");
                created.setCreateIfNecessary(true);
                created.setMaxWaitTimeMillis(timeoutMillis);
                created.setMaxConnectionAgeMillis(MAX_CONNECTION_AGE_MILLIS);
                // A pooled connection the server has since dropped is replaced and the search sent again.
                created.setRetryFailedOperationsDueToInvalidConnections(true);
                pool = created;
            }
            return pool;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (pool != null) {
                pool.close();
                pool = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static SSLSocketFactory tlsSockets(LdapSettings settings) {
        try {
            TrustManager[] trust;
            if (!settings.verifyCertificate()) {
                trust = new TrustManager[] {new TrustAllTrustManager(false)};
            } else {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(settings.caFile().isPresent() ? caStore(settings.caFile().get()) : null);
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return settings.verifyCertificate() ? new HostChecking(context.getSocketFactory())
                    : context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS for LDAP: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM (or DER) file as a trust store. */
    private static KeyStore caStore(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the LDAP CA file " + file + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca" + n++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the LDAP CA file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sockets that check the server's certificate names the host connected to, by the JDK's own
     * rules for LDAP (RFC 4513 §3.1.3, RFC 6125): the "LDAPS" endpoint identification, which
     * applies to StartTLS as much as to {@code ldaps://}, since the socket is made for the host
     * name either way.
     */
    private static final class HostChecking extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        HostChecking(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket checked(Socket socket) {
            if (socket instanceof SSLSocket tls) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("LDAPS");
                tls.setSSLParameters(parameters);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return checked(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return checked(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return checked(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return checked(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return checked(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return checked(delegate.createSocket(host, port, local, localPort));
        }
    }
}
