package dev.ferry.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.ferry.auth.AuthResult;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the directory, with self-signed certificates made by the JDK's keytool: one for
 * 127.0.0.1 and one for another name. A certificate is verified unless that is switched off, a
 * CA file makes it trusted for the names it holds and no others, and a directory that cannot do
 * StartTLS is not spoken to in plain text instead.
 */
class LdapTlsTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final char[] PIN = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static TestDirectory directory;
    private static Path loopbackCa;
    private static Path otherCa;

    @BeforeAll
    static void start() throws Exception {
        Path loopback = keyStore("loopback", "ip:127.0.0.1");
        Path other = keyStore("other", "dns:ldap.example.org");
        loopbackCa = pem(loopback, "loopback");
        otherCa = pem(other, "other");
        InetAddress address = InetAddress.getLoopbackAddress();
        SSLUtil loopbackTls = new SSLUtil(new KeyStoreKeyManager(loopback.toFile(), PIN, "PKCS12", "loopback"),
                new TrustAllTrustManager());
        SSLUtil otherTls = new SSLUtil(new KeyStoreKeyManager(other.toFile(), PIN, "PKCS12", "other"),
                new TrustAllTrustManager());
        directory = TestDirectory.start(
                InMemoryListenerConfig.createLDAPConfig("starttls", address, 0, loopbackTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPConfig("other", address, 0, otherTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", address, 0, loopbackTls.createSSLServerSocketFactory(),
                        null),
                InMemoryListenerConfig.createLDAPSConfig("ldaps-other", address, 0,
                        otherTls.createSSLServerSocketFactory(), null));
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    /** A key pair and self-signed certificate for {@code san}, made by keytool. */
    private static Path keyStore(String alias, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "san=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve(alias + ".log").toFile()).start();
        if (!keytool.waitFor(30, TimeUnit.SECONDS)) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool did not finish");
        }
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve(alias + ".log"))).isZero();
        return store;
    }

    private static Path pem(Path store, String alias) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PIN);
        }
        return Files.writeString(dir.resolve(alias + ".pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getCertificate(alias).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private static AuthResult login(TestDirectory.Settings settings) {
        try (LdapAuthenticator ldap = new LdapAuthenticator(settings.build(), Optional.empty())) {
            return ldap.authenticate("alice", "alice-pw".toCharArray(), CLIENT);
        }
    }

    private static TestDirectory.Settings startTls(String listener, Optional<Path> ca) {
        TestDirectory.Settings settings = new TestDirectory.Settings(List.of(
                new LdapSettings.Server(false, "127.0.0.1", directory.server.getListenPort(listener))));
        settings.startTls = true;
        settings.caFile = ca;
        return settings;
    }

    private static String reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Failure.class);
        return ((AuthResult.Failure) result).reason();
    }

    @Test
    void startTlsWithTheCaOfTheCertificateLogsIn() {
        assertThat(login(startTls("starttls", Optional.of(loopbackCa)))).isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void aCertificateNoTrustedCaSignedIsRefusedNotSkipped() {
        assertThat(reason(login(startTls("starttls", Optional.empty())))).startsWith("LDAP directory unavailable: ");
        assertThat(reason(login(startTls("starttls", Optional.of(otherCa))))).startsWith("LDAP directory unavailable: ");
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() {
        // signed by a CA in the file, but made out to ldap.example.org, not the 127.0.0.1 connected to
        assertThat(reason(login(startTls("other", Optional.of(otherCa))))).startsWith("LDAP directory unavailable: ");
    }

    @Test
    void withoutVerificationAnyCertificateIsTaken() {
        TestDirectory.Settings settings = startTls("other", Optional.empty());
        settings.verify = false;
        assertThat(login(settings)).isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void ldapsIsVerifiedTheSameWay() {
        TestDirectory.Settings settings = new TestDirectory.Settings(List.of(
                new LdapSettings.Server(true, "127.0.0.1", directory.server.getListenPort("ldaps"))));
        settings.caFile = Optional.of(loopbackCa);
        assertThat(login(settings)).isInstanceOf(AuthResult.Success.class);
        settings.caFile = Optional.of(otherCa);
        assertThat(reason(login(settings))).startsWith("LDAP directory unavailable: ");
        TestDirectory.Settings otherName = new TestDirectory.Settings(List.of(
                new LdapSettings.Server(true, "127.0.0.1", directory.server.getListenPort("ldaps-other"))));
        otherName.caFile = Optional.of(otherCa);
        assertThat(reason(login(otherName))).startsWith("LDAP directory unavailable: ");
        otherName.verify = false;
        assertThat(login(otherName)).isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void aCaFileWithoutCertificatesIsAConfigurationError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> new LdapAuthenticator(startTls("starttls", Optional.of(empty)).build(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA file");
    }

    @Test
    void aDirectoryWithoutStartTlsIsNotAskedInPlainText() throws Exception {
        try (TestDirectory plain = TestDirectory.start()) {
            TestDirectory.Settings settings = new TestDirectory.Settings(List.of(plain.address()));
            settings.startTls = true;
            settings.verify = false;
            assertThat(reason(login(settings))).startsWith("LDAP directory unavailable: ");
            settings.startTls = false;
            assertThat(login(settings)).isInstanceOf(AuthResult.Success.class);
        }
    }
}
