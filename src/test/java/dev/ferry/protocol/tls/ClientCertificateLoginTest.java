package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthenticatorChain;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.VirtualUserAuthenticator;
import dev.ferry.config.AccessRules;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.FxpPolicy;
import dev.ferry.config.LoginRules;
import dev.ferry.config.Messages;
import dev.ferry.config.PassiveConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.Timeouts;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsPolicy;
import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.server.FtpServer;
import dev.ferry.testkit.ClientPrograms;
import dev.ferry.testkit.LogCapture;
import dev.ferry.tls.TestCertificateAuthority;
import dev.ferry.tls.TestCertificateAuthority.Issued;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates (RFC 4217 §12) with real clients over loopback: Commons Net's FTPSClient
 * presenting certificates of a test CA, and curl. Each test runs its own server with the
 * settings under test; the CA, the server certificate and the client certificates are made
 * once.
 */
class ClientCertificateLoginTest {
    private static final String PASSWORD = "alice-secret";

    @TempDir
    static Path shared;
    static TestCertificateAuthority ca;
    static Path caFile;
    static TlsCertificate serverCertificate;
    static Issued alice;
    static Issued bob;
    static Issued carolByEmail;
    static Issued expired;
    static Issued serverOnly;
    static Issued stranger;

    @TempDir
    Path temp;
    private FtpServer server;
    private UserStore users;
    private DataDirectory data;
    private LogCapture log;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificateAuthority.create("Ferry test client CA");
        caFile = ca.writeCertificate(shared.resolve("client-ca.pem"));
        Issued server = TestCertificateAuthority.create("Ferry test server CA").issue("localhost");
        server.write(shared.resolve("server.pem"), shared.resolve("server.key"));
        serverCertificate = new TlsCertificate.PemFiles(shared.resolve("server.pem"), shared.resolve("server.key"));
        alice = ca.issue("alice");
        bob = ca.issue("bob");
        Instant now = Instant.now();
        carolByEmail = ca.issue("Carol Example", "carol@example.com", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)), true);
        expired = ca.issue("alice", null, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(2)), true);
        serverOnly = ca.issue("alice", null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), false);
        stranger = TestCertificateAuthority.create("Some other CA").issue("alice");
    }

    @BeforeEach
    void attachLog() {
        log = LogCapture.attach();
    }

    @AfterEach
    void stop() {
        log.close();
        if (server != null) {
            server.stop();
        }
        if (users != null) {
            users.close();
        }
    }

    // ---- logins ------------------------------------------------------------------------------

    @Test
    void certificateModeLogsAliceInAtUserWith232AndDataConnectionsWork() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        Files.writeString(home("alice").resolve("hello.txt"), "hi");
        FTPSClient client = connected(alice);
        assertThat(client.user("alice")).isEqualTo(232);
        assertThat(client.getReplyString().strip())
                .isEqualTo("232 User alice logged in, authorized by security data exchange");
        client.execPBSZ(0);
        client.execPROT("P");
        client.enterLocalPassiveMode();
        assertThat(client.listNames()).containsExactly("hello.txt");
        assertThat(client.printWorkingDirectory()).isEqualTo("/");
        client.disconnect();
        assertThat(log.messages()).contains("user alice logged in by client certificate");
    }

    @Test
    void overTls12TheDataConnectionResumesTheCertifiedSession() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        Files.writeString(home("alice").resolve("twelve.txt"), "1.2");
        FTPSClient client = new ResumingFtpsClient(false, alice.clientContext(), "TLSv1.2");
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port());
        assertThat(client.user("alice")).isEqualTo(232);
        client.execPBSZ(0);
        client.execPROT("P");
        client.enterLocalPassiveMode();
        assertThat(client.listNames()).containsExactly("twelve.txt");
        client.disconnect();
    }

    @Test
    void bobsCertificateIsRefusedForAliceWithoutSayingWhy() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        FTPSClient client = connected(bob);
        assertThat(client.user("alice")).isEqualTo(530);
        assertThat(client.getReplyString().strip()).isEqualTo("530 Login incorrect");
        assertThat(log.messages()).contains("login failed for alice: the client certificate (subject "
                + "O=Ferry tests,CN=bob) names bob by its CN, not alice");
        assertThat(client.user("bob")).as("bob is not a user of this server").isEqualTo(530);
        client.disconnect();
    }

    @Test
    void certificateAndPasswordNeedsBoth() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE_AND_PASSWORD);
        FTPSClient client = connected(alice);
        assertThat(client.user("alice")).isEqualTo(331);
        assertThat(client.pass("wrong")).isEqualTo(530);
        assertThat(client.user("alice")).isEqualTo(331);
        assertThat(client.pass(PASSWORD)).isEqualTo(230);
        client.disconnect();

        FTPSClient withBob = connected(bob);
        assertThat(withBob.user("alice")).as("the right password cannot make up for another's certificate")
                .isEqualTo(530);
        assertThat(withBob.pass(PASSWORD)).isEqualTo(503);
        withBob.disconnect();
    }

    @Test
    void certificateAndPasswordRefusesAClientWithoutCertificate() throws Exception {
        start(Verification.OPTIONAL, LoginMode.CERTIFICATE_AND_PASSWORD);
        FTPSClient client = connected(null);
        assertThat(client.user("alice")).isEqualTo(530);
        assertThat(log.messages()).contains("login failed for alice: no client certificate, and this server wants "
                + "one with the password");
        client.disconnect();
    }

    @Test
    void optionalCertificateModeLetsAClientWithoutCertificateUseItsPassword() throws Exception {
        start(Verification.OPTIONAL, LoginMode.CERTIFICATE);
        FTPSClient client = connected(null);
        assertThat(client.user("alice")).isEqualTo(331);
        assertThat(client.pass(PASSWORD)).isEqualTo(230);
        client.disconnect();

        FTPSClient withCertificate = connected(alice);
        assertThat(withCertificate.user("alice")).isEqualTo(232);
        withCertificate.disconnect();
    }

    @Test
    void passwordModeIgnoresTheCertificateForTheLogin() throws Exception {
        start(Verification.REQUIRED, LoginMode.PASSWORD);
        FTPSClient client = connected(bob);
        assertThat(client.user("alice")).isEqualTo(331);
        assertThat(client.pass(PASSWORD)).isEqualTo(230);
        client.disconnect();
    }

    @Test
    void anonymousLoginsAreNotMappedToCertificates() throws Exception {
        start(settings(Verification.REQUIRED, LoginMode.CERTIFICATE, UserField.COMMON_NAME, false), true);
        FTPSClient client = connected(bob);
        assertThat(client.user("anonymous")).isEqualTo(331);
        assertThat(client.pass("someone@example.com")).isEqualTo(230);
        client.disconnect();
    }

    @Test
    void refusedCertificateLoginsCountAsFailedLogins() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        FTPSClient client = connected(bob);
        assertThat(client.user("alice")).isEqualTo(530);
        assertThat(client.user("alice")).isEqualTo(530);
        assertThatThrownBy(() -> client.user("alice")).as("the third failure of three allowed")
                .isInstanceOf(FTPConnectionClosedException.class);
        assertThat(client.getReplyString().strip()).isEqualTo("421 Too many failed logins, closing control connection");
        assertThat(log.messages().stream().filter(m -> m.startsWith("login failed for alice: the client certificate")))
                .hasSize(3);
    }

    @Test
    void theEmailSubjectAlternativeNameCanNameTheUser() throws Exception {
        start(settings(Verification.REQUIRED, LoginMode.CERTIFICATE, UserField.EMAIL, false), false);
        addUser("carol@example.com");
        FTPSClient client = connected(carolByEmail);
        assertThat(client.user("carol@example.com")).isEqualTo(232);
        client.disconnect();
        FTPSClient byCn = connected(alice);
        assertThat(byCn.user("alice")).as("the CN does not count when users come from e-mail names").isEqualTo(530);
        byCn.disconnect();
    }

    @Test
    void theMapOfUsersToSubjectsNamesUsersByTheWholeSubject() throws Exception {
        Path map = temp.resolve("users-by-subject");
        // the DN in the order the server logs it, typed with other spacing and case
        Files.writeString(map, "# user: subject\nalice: o=Ferry tests,  cn=BOB\nnot a mapping line\n");
        start(new ClientCertificates(Verification.REQUIRED, Optional.of(caFile), Optional.empty(), UserField.SUBJECT,
                LoginMode.CERTIFICATE, false, Optional.of(map)), false);
        FTPSClient client = connected(bob);
        assertThat(client.user("alice")).as("bob's certificate is listed for alice").isEqualTo(232);
        client.disconnect();
        FTPSClient byCn = connected(alice);
        assertThat(byCn.user("alice")).as("the CN does not count when the map names users").isEqualTo(530);
        byCn.disconnect();
        assertThat(log.messages()).contains("login failed for alice: the client certificate (subject "
                + "O=Ferry tests,CN=alice) names no user by its subject in " + map + ", not alice");
    }

    @Test
    void aCertificateInTheUsersDotTlsloginLogsInWithoutPassword() throws Exception {
        start(settings(Verification.REQUIRED, LoginMode.PASSWORD, UserField.COMMON_NAME, true), false);
        Files.writeString(home("alice").resolve(".tlslogin"), bob.certificatePem());
        FTPSClient client = connected(bob);
        assertThat(client.user("alice")).as("bob's certificate is in alice's .tlslogin").isEqualTo(232);
        client.disconnect();

        FTPSClient other = connected(alice);
        assertThat(other.user("alice")).as("not in .tlslogin: the password decides").isEqualTo(331);
        assertThat(other.pass(PASSWORD)).isEqualTo(230);
        other.disconnect();
    }

    // ---- handshakes --------------------------------------------------------------------------

    @Test
    void requiredWithoutCertificateTheHandshakeIsRefused() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        assertRefused(null, "client certificate refused: the client sent none, and this server requires one");
    }

    @Test
    void anExpiredCertificateIsRefusedInTheHandshake() throws Exception {
        start(Verification.OPTIONAL, LoginMode.CERTIFICATE);
        assertRefused(expired, "client certificate refused: it expired on "
                + expired.certificate().getNotAfter().toInstant() + " (subject O=Ferry tests,CN=alice)");
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedInTheHandshake() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        assertRefused(stranger, "client certificate refused: unknown CA: it was issued by CN=Some other CA, which "
                + "is not among the server's client CAs (subject O=Ferry tests,CN=alice)");
    }

    @Test
    void aCertificateNotMeantForClientsIsRefusedInTheHandshake() throws Exception {
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        assertRefused(serverOnly, "client certificate refused: wrong usage: its extended key usage does not allow "
                + "TLS client authentication (clientAuth) (subject O=Ferry tests,CN=alice)");
    }

    @Test
    void curlLogsInWithItsCertificate() throws Exception {
        assumeTrue(ClientPrograms.installed("curl"), "curl is not installed");
        start(Verification.REQUIRED, LoginMode.CERTIFICATE);
        Files.writeString(home("alice").resolve("from-curl.txt"), "hello curl\n");
        Path cert = temp.resolve("alice.pem");
        Path key = temp.resolve("alice.key");
        alice.write(cert, key);
        String out = run(List.of("curl", "-sS", "--ssl-reqd", "-k", "--cert", cert.toString(), "--key",
                key.toString(), "--user", "alice:", "ftp://127.0.0.1:" + port() + "/from-curl.txt"));
        assertThat(out).isEqualTo("hello curl\n");
        assertThat(log.messages()).contains("user alice logged in by client certificate");
    }

    // ---- fixture -----------------------------------------------------------------------------

    private void assertRefused(Issued certificate, String logged) throws Exception {
        assertThatThrownBy(() -> {
            FTPSClient client = connected(certificate);
            // under TLS 1.3 the client finishes its half first and hears the alert at its next read
            client.user("alice");
            client.pass(PASSWORD);
        }).isInstanceOf(IOException.class);
        waitForLog("TLS handshake failed on the control connection: " + logged);
    }

    private void waitForLog(String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!log.messages().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log.messages()).contains(line);
    }

    private static ClientCertificates settings(Verification verification, LoginMode login, UserField field,
                                               boolean dotLogin) {
        return new ClientCertificates(verification, Optional.of(caFile), Optional.empty(), field, login, dotLogin);
    }

    private void start(Verification verification, LoginMode login) throws IOException {
        start(settings(verification, login, UserField.COMMON_NAME, false), false);
    }

    private void start(ClientCertificates clients, boolean anonymous) throws IOException {
        data = new DataDirectory(temp.resolve("ferry-data"));
        Files.createDirectories(data.homes());
        users = SqliteUserStore.open(data.userDatabase());
        addUser("alice");
        TlsConfig tls = new TlsConfig(TlsPolicy.OPTIONAL, Optional.of(serverCertificate), TlsConfig.SUPPORTED_PROTOCOLS,
                List.of(), clients);
        ServerConfig config = new ServerConfig(data, List.of(new InetSocketAddress("127.0.0.1", 0)), List.of(),
                "Ferry client certificate test server", Messages.NONE, PassiveConfig.DEFAULT,
                new SessionLimits(50, 50, 3, Duration.ofMillis(10), 4096),
                new Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        Duration.ofSeconds(10), Duration.ofSeconds(2)),
                FxpPolicy.NOBODY,
                anonymous ? List.of(AnonymousConfig.standard(data.anonymousRoot(), Optional.empty(), Messages.NONE))
                        : List.of(),
                SymlinkPolicy.INSIDE_ROOT, LoginRules.DEFAULT, FileRules.FERRY, AccessRules.NONE, tls);
        if (anonymous) {
            Files.createDirectories(data.anonymousRoot());
        }
        var chain = new AuthenticatorChain(List.of(new VirtualUserAuthenticator(users, data, Optional.empty())));
        server = FtpServer.start(FerryConfig.single(config), new AccountResolver(chain), false);
    }

    private void addUser(String name) {
        users.add(new StoredUser(name, PasswordHasher.hash(PASSWORD.toCharArray()), Optional.empty(), true,
                UserLimits.NONE));
    }

    private Path home(String user) throws IOException {
        return Files.createDirectories(data.defaultHome(user));
    }

    private int port() {
        return server.addresses().getFirst().getPort();
    }

    /** A client that has run AUTH TLS, presenting {@code certificate} (none when null). */
    private FTPSClient connected(Issued certificate) throws Exception {
        SSLContext context = certificate == null ? FtpsRawClient.trustAll("TLS") : certificate.clientContext();
        FTPSClient client = new ResumingFtpsClient(false, context);
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port());
        client.setSoTimeout(10_000);
        return client;
    }

    /** The formatted messages of every dev.ferry logger, at INFO and above, for one test. */

    private String run(List<String> command) throws Exception {
        return ClientPrograms.run(temp, Duration.ofSeconds(60), command);
    }
}
