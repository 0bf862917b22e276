package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testkit.CertificateFixture;
import dev.ferry.testkit.ClientPrograms;
import dev.ferry.testkit.ConfiguredServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Name-based virtual hosts with a certificate each on one address and port (and on one implicit
 * FTPS port): the certificate a client sees is chosen by the name it sends as SNI (RFC 6066 §3),
 * else it is the certificate of the server the connection arrived at; SNI also selects the
 * virtual host, and HOST (RFC 7151) must then agree with it.
 */
class SniVirtualHostTest {
    private static final String CONFIG = """
            ServerName "Main"
            Port @PORT@
            DefaultAddress 127.0.0.1
            TLSEngine on
            TLSECCertificateFile @DIR@/main.pem
            TLSECCertificateKeyFile @DIR@/main.key
            <VirtualHost 127.0.0.1>
              ServerName "Host A"
              ServerAlias a.test
              TLSEngine on
              TLSECCertificateFile @DIR@/a.pem
              TLSECCertificateKeyFile @DIR@/a.key
            </VirtualHost>
            <VirtualHost 127.0.0.1>
              ServerName "Host B"
              ServerAlias b.test
              TLSEngine on
              TLSECCertificateFile @DIR@/b.pem
              TLSECCertificateKeyFile @DIR@/b.key
            </VirtualHost>
            <VirtualHost 127.0.0.1>
              ServerName "Implicit C"
              ServerAlias c.test
              Port @PORT2@
              TLSEngine on
              TLSOptions UseImplicitSSL
              TLSECCertificateFile @DIR@/c.pem
              TLSECCertificateKeyFile @DIR@/c.key
            </VirtualHost>
            <VirtualHost 127.0.0.1>
              ServerName "Implicit D"
              ServerAlias d.test
              Port @PORT2@
              TLSEngine on
              TLSOptions UseImplicitSSL
              TLSECCertificateFile @DIR@/d.pem
              TLSECCertificateKeyFile @DIR@/d.key
            </VirtualHost>
            """;

    @TempDir
    static Path dir;
    private static final Map<String, CertificateFixture> CERTIFICATES = new java.util.HashMap<>();
    private static ConfiguredServer server;

    @BeforeAll
    static void start() throws Exception {
        for (String name : List.of("main", "a", "b", "c", "d")) {
            CertificateFixture fixture = CertificateFixture.selfSigned(name + ".test");
            fixture.writeCertificate(dir.resolve(name + ".pem"));
            fixture.writeKey(dir.resolve(name + ".key"));
            CERTIFICATES.put(name, fixture);
        }
        server = ConfiguredServer.start(dir, CONFIG);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String fingerprintOf(String name) {
        return CERTIFICATES.get(name).fingerprint();
    }

    @Test
    void withoutSniTheServerOfTheAddressPresentsItsOwnCertificate() throws Exception {
        try (SniClient client = SniClient.explicit(server.port(), null)) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("main"));
            assertThat(client.command("HOST b.test")).startsWith("220").contains("Host B");
        }
    }

    @Test
    void sniSelectsTheVirtualHostsCertificateAndTheHost() throws Exception {
        try (SniClient client = SniClient.explicit(server.port(), "a.test")) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("a"));
            assertThat(client.command("HOST b.test")).startsWith("503 ");
            assertThat(client.command("HOST a.test")).startsWith("220").contains("Host A");
            assertThat(client.command("USER alice")).startsWith("331 ");
            assertThat(client.command("PASS alice-secret")).startsWith("230 ");
        }
        try (SniClient client = SniClient.explicit(server.port(), "b.test")) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("b"));
        }
    }

    @Test
    void anUnknownServerNameGetsTheCertificateOfTheAddressAndBindsNothing() throws Exception {
        try (SniClient client = SniClient.explicit(server.port(), "elsewhere.test")) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("main"));
            assertThat(client.command("HOST b.test")).startsWith("220").contains("Host B");
        }
    }

    @Test
    void hostBeforeAuthChoosesTheCertificateAndSniMustAgree() throws Exception {
        try (SniClient client = SniClient.hostThenAuth(server.port(), "b.test", null)) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("b"));
            assertThat(client.command("NOOP")).startsWith("200 ");
        }
        try (SniClient client = SniClient.hostThenAuth(server.port(), "b.test", "b.test")) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("b"));
            assertThat(client.command("NOOP")).startsWith("200 ");
        }
        try (SniClient client = SniClient.hostThenAuth(server.port(), "b.test", "a.test")) {
            assertThat(client.read()).startsWith("421 ").contains("a.test");
            assertThat(client.read()).isNull();
        }
    }

    @Test
    void implicitFtpsPicksTheCertificateAndBannerBySni() throws Exception {
        try (SniClient client = SniClient.implicit(server.port2(), "d.test")) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("d"));
            assertThat(client.banner()).contains("Implicit D");
        }
        try (SniClient client = SniClient.implicit(server.port2(), null)) {
            assertThat(client.peerFingerprint()).isEqualTo(fingerprintOf("c"));
            assertThat(client.banner()).contains("Implicit C");
        }
    }

    @Test
    void curlVerifiesTheVirtualHostsCertificateByName() throws Exception {
        assumeTrue(ClientPrograms.installed("curl"), "curl is not installed");
        String explicit = "a.test:" + server.port() + ":127.0.0.1";
        assertThat(curl("--ssl-reqd", "--cacert", dir.resolve("a.pem").toString(), "--resolve", explicit,
                "ftp://a.test:" + server.port() + "/")).isEqualTo(0);
        // the same name, checked against another host's certificate: curl refuses (60, peer not verified)
        assertThat(curl("--ssl-reqd", "--cacert", dir.resolve("b.pem").toString(), "--resolve", explicit,
                "ftp://a.test:" + server.port() + "/")).isEqualTo(60);
        String implicit = "d.test:" + server.port2() + ":127.0.0.1";
        assertThat(curl("--cacert", dir.resolve("d.pem").toString(), "--resolve", implicit,
                "ftps://d.test:" + server.port2() + "/")).isEqualTo(0);
        assertThat(curl("--cacert", dir.resolve("c.pem").toString(), "--resolve", implicit,
                "ftps://d.test:" + server.port2() + "/")).isEqualTo(60);
    }

    private static int curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", System.getenv("SNI_DEBUG") != null ? "-v" : "-sS", "--max-time", "20", "--user",
                "alice:alice-secret", "-o", "/dev/null"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        if (System.getenv("SNI_DEBUG") != null) {
            System.err.println("CURL " + command + "\n" + output);
        }
        return p.exitValue();
    }

    /** A control connection whose TLS handshake sends the SNI name given (none for null). */
    private static final class SniClient implements AutoCloseable {
        private final Socket plain;
        private Socket current;
        private BufferedReader in;
        private OutputStream out;
        private String banner;

        private SniClient(int port) throws IOException {
            plain = new Socket();
            plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            plain.setSoTimeout(20_000);
            use(plain);
        }

        static SniClient explicit(int port, String sni) throws IOException {
            SniClient c = new SniClient(port);
            c.banner = c.read();
            assertThat(c.command("AUTH TLS")).startsWith("234 ");
            c.handshake(sni);
            return c;
        }

        static SniClient hostThenAuth(int port, String host, String sni) throws IOException {
            SniClient c = new SniClient(port);
            c.banner = c.read();
            assertThat(c.command("HOST " + host)).startsWith("220");
            assertThat(c.command("AUTH TLS")).startsWith("234 ");
            c.handshake(sni);
            return c;
        }

        static SniClient implicit(int port, String sni) throws IOException {
            SniClient c = new SniClient(port);
            c.handshake(sni);
            c.banner = c.read();
            return c;
        }

        private void handshake(String sni) throws IOException {
            SSLSocket tls = (SSLSocket) FtpsRawClient.trustAll("TLS").getSocketFactory()
                    .createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.setUseClientMode(true);
            if (sni != null) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(sni)));
                tls.setSSLParameters(parameters);
            }
            tls.startHandshake();
            use(tls);
        }

        private void use(Socket socket) throws IOException {
            current = socket;
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String peerFingerprint() throws IOException {
            X509Certificate leaf = (X509Certificate) ((SSLSocket) current).getSession().getPeerCertificates()[0];
            return CertificateFixture.fingerprint(leaf);
        }

        String banner() {
            return banner;
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        /** The reply's text, all lines joined; null at the end of the stream. */
        String read() throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (javax.net.ssl.SSLException e) {
                    line = null; // a peer that closed without close_notify
                }
                if (line == null) {
                    return reply.isEmpty() ? null : reply.toString();
                }
                reply.append(reply.isEmpty() ? "" : "\n").append(line);
                if (line.length() >= 4 && line.charAt(3) == ' ' && line.substring(0, 3).matches("\\d{3}")) {
                    return reply.toString();
                }
            }
        }

        @Override
        public void close() throws IOException {
            current.close();
            plain.close();
        }
    }
}
