package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.server.ConfigLoad;
import dev.ferry.server.ConfigSource;
import dev.ferry.server.FtpServer;
import dev.ferry.server.ReloadOutcome;
import dev.ferry.testkit.CertificateFixture;
import dev.ferry.testkit.LogCapture;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates replaced on disk are taken up by a reload (SIGHUP, {@code ferry reload}: both
 * call {@link FtpServer#reload}) without dropping anyone: a session opened before keeps its TLS
 * session and keeps transferring, a new one sees the new certificate; a replacement that cannot
 * be used is refused, logged, and the certificate in use stays.
 */
class CertificateReloadTest {
    @TempDir
    Path dir;
    private UserStore users;
    private FtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (users != null) {
            users.close();
        }
    }

    private void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, """
                Port %d
                DefaultAddress 127.0.0.1
                TLSEngine on
                TLSRequired on
                TLSRSACertificateFile %s/cert.pem
                TLSRSACertificateKeyFile %s/key.pem
                """.formatted(port, dir, dir));
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        Files.createDirectories(data.homes());
        users = SqliteUserStore.open(data.userDatabase());
        users.add(new StoredUser(FtpsServer.USER, PasswordHasher.hash(FtpsServer.PASSWORD.toCharArray()),
                Optional.empty(), true, UserLimits.NONE));
        Files.createDirectories(data.defaultHome(FtpsServer.USER));
        Files.writeString(data.defaultHome(FtpsServer.USER).resolve("file.txt"), "payload");
        ConfigSource source = () -> {
            try {
                return new ConfigLoad.Loaded(ConfigLoader.load(file, data, name -> Optional.empty()).config(),
                        List.of());
            } catch (ConfigException e) {
                return new ConfigLoad.Failed(e.errors().stream().map(Object::toString).toList());
            }
        };
        server = FtpServer.start(((ConfigLoad.Loaded) source.load()).config(), source, new AccountResolver(
                new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())))),
                false);
    }

    private CertificateFixture install(String name) throws Exception {
        CertificateFixture fixture = CertificateFixture.selfSigned(name);
        fixture.writeCertificate(dir.resolve("cert.pem"));
        fixture.writeKey(dir.resolve("key.pem"));
        return fixture;
    }

    private int port() {
        return server.addresses().getFirst().getPort();
    }

    private static String peer(FtpsRawClient client) throws Exception {
        return CertificateFixture.fingerprint(client.controlTls().getSession().getPeerCertificates()[0]);
    }

    private static String download(FtpsRawClient client) {
        int dataPort = client.pasv();
        Socket data = FtpsRawClient.open(dataPort);
        client.send("RETR file.txt");
        FtpsRawClient.expect(client.read(), 150);
        Socket secured = client.protect(data, true);
        String text = new String(FtpsRawClient.readAll(secured), StandardCharsets.UTF_8);
        FtpsRawClient.expect(client.read(), 226);
        return text;
    }

    @Test
    void newSessionsGetTheNewCertificateWhileRunningOnesKeepTransferring() throws Exception {
        CertificateFixture old = install("old.test");
        start();
        try (FtpsRawClient before = FtpsRawClient.connect(port())) {
            before.secure();
            before.login();
            assertThat(download(before)).isEqualTo("payload");
            assertThat(peer(before)).isEqualTo(old.fingerprint());

            CertificateFixture renewed = install("new.test");
            assertThat(server.reload()).isInstanceOf(ReloadOutcome.Applied.class);
            assertThat(server.certificate().orElseThrow().fingerprint()).isEqualTo(renewed.fingerprint());

            assertThat(download(before)).as("the session opened before the reload").isEqualTo("payload");
            assertThat(download(before)).isEqualTo("payload");
            try (FtpsRawClient after = FtpsRawClient.connect(port())) {
                after.secure();
                assertThat(peer(after)).isEqualTo(renewed.fingerprint());
                after.login();
                assertThat(download(after)).isEqualTo("payload");
            }
            assertThat(download(before)).isEqualTo("payload");
        }
    }

    @Test
    void anUnusableReplacementIsRefusedAndTheCertificateInUseStays() throws Exception {
        CertificateFixture current = install("current.test");
        start();
        CertificateFixture other = CertificateFixture.selfSigned("other.test");
        try (LogCapture log = LogCapture.attach()) {
            // a key that is not the certificate's
            Files.writeString(dir.resolve("key.pem"), other.keyPem());
            ReloadOutcome mismatched = server.reload();
            assertThat(mismatched).isInstanceOf(ReloadOutcome.Refused.class);
            assertThat(((ReloadOutcome.Refused) mismatched).errors()).singleElement().asString()
                    .contains(dir.resolve("key.pem").toString())
                    .contains("the private key does not belong to the certificate CN=current.test");
            // a certificate file that is not one
            current.writeKey(dir.resolve("key.pem"));
            Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
            ReloadOutcome unreadable = server.reload();
            assertThat(unreadable).isInstanceOf(ReloadOutcome.Refused.class);
            assertThat(((ReloadOutcome.Refused) unreadable).errors()).singleElement().asString()
                    .contains(dir.resolve("cert.pem") + ": no certificate found");
            // gone
            Files.delete(dir.resolve("cert.pem"));
            ReloadOutcome missing = server.reload();
            assertThat(((ReloadOutcome.Refused) missing).errors()).singleElement().asString()
                    .isEqualTo(dir.resolve("cert.pem") + ": no such file");
            assertThat(log.at("ERROR")).hasSize(3).allMatch(line -> line.startsWith(
                    "configuration reload refused, the running configuration stays: "));
            assertThat(log.at("ERROR").get(0)).contains("does not belong to the certificate");
            assertThat(log.at("ERROR").get(2)).endsWith("cert.pem: no such file");
        }
        assertThat(server.certificate().orElseThrow().fingerprint()).isEqualTo(current.fingerprint());
        try (FtpsRawClient client = FtpsRawClient.connect(port())) {
            client.secure();
            assertThat(peer(client)).isEqualTo(current.fingerprint());
            client.login();
            assertThat(download(client)).isEqualTo("payload");
        }
    }
}
