package dev.ferry.auth.extauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.UserAccount;
import dev.ferry.testkit.FakeAuthd;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-authd protocol as Ferry speaks it, against a stand-in daemon on a Unix socket. */
class ExtAuthAuthenticatorTest {
    @TempDir
    Path dir;

    private static final InetAddress CLIENT = InetAddress.ofLiteral("192.0.2.7");

    private static String answer(String request) {
        return switch (FakeAuthd.field(request, "account")) {
            case "carol" -> "carol-pw".equals(FakeAuthd.field(request, "password"))
                    ? "auth_ok:1\nuid:1001\ngid:1001\ndir:/srv/ftp/./carol\nthrottling_bandwidth_dl:65536\n"
                            + "user_quota_size:1048576\nuser_quota_files:10\nper_user_max:2\nratio_upload:1\n"
                            + "ratio_download:4\nend\n"
                    : "auth_ok:-1\nend\n";
            case "nodir" -> "auth_ok:1\nuid:5\ngid:5\nend\n";
            case "silent" -> "";
            case "odd" -> "auth_ok:maybe\nend\n";
            default -> "auth_ok:0\nend\n";
        };
    }

    @Test
    void aKnownUserLogsInWithTheDaemonsHomeAndLimits() throws Exception {
        try (FakeAuthd authd = new FakeAuthd(dir.resolve("ftpd.sock"), ExtAuthAuthenticatorTest::answer)) {
            ExtAuthAuthenticator extauth = new ExtAuthAuthenticator(authd.socket());
            AuthResult result = extauth.authenticate("carol", "carol-pw".toCharArray(), CLIENT);
            assertThat(result).isInstanceOfSatisfying(AuthResult.Success.class, s -> {
                UserAccount account = s.account();
                assertThat(account.name()).isEqualTo("carol");
                assertThat(account.root()).isEqualTo(Path.of("/srv/ftp"));
                assertThat(account.limits().downloadBytesPerSec()).isEqualTo(65536);
                assertThat(account.limits().quotaBytes()).isEqualTo(1048576);
                assertThat(account.limits().quotaFiles()).isEqualTo(10);
                assertThat(account.limits().maxSessions()).isEqualTo(2);
                assertThat(account.limits().ratioDownload()).isEqualTo(4);
            });
            assertThat(authd.requests.getFirst()).isEqualTo(
                    "account:carol\npassword:carol-pw\nlocalhost:\nlocalport:\npeer:192.0.2.7\nend\n");
        }
    }

    @Test
    void unknownWrongAndOddAnswersMeanWhatPureAuthdSays() throws Exception {
        try (FakeAuthd authd = new FakeAuthd(dir.resolve("ftpd.sock"), ExtAuthAuthenticatorTest::answer)) {
            ExtAuthAuthenticator extauth = new ExtAuthAuthenticator(authd.socket());
            assertThat(extauth.authenticate("nobody", "x".toCharArray(), CLIENT)).isInstanceOf(AuthResult.NotApplicable.class);
            assertThat(extauth.authenticate("carol", "wrong".toCharArray(), CLIENT)).isInstanceOf(AuthResult.Failure.class);
            assertThat(extauth.authenticate("nodir", "x".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                    AuthResult.Failure.class, f -> assertThat(f.reason()).contains("no dir"));
            assertThat(extauth.authenticate("odd", "x".toCharArray(), CLIENT)).isInstanceOf(AuthResult.Failure.class);
        }
    }

    @Test
    void aDaemonThatIsDownOrSilentRefusesTheLoginInsteadOfPassingItOn() throws Exception {
        ExtAuthAuthenticator missing = new ExtAuthAuthenticator(dir.resolve("no-such.sock"));
        assertThat(missing.authenticate("carol", "carol-pw".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                AuthResult.Failure.class, f -> assertThat(f.reason()).contains("could not be asked"));
        try (FakeAuthd authd = new FakeAuthd(dir.resolve("ftpd.sock"), ExtAuthAuthenticatorTest::answer)) {
            ExtAuthAuthenticator extauth = new ExtAuthAuthenticator(authd.socket(), Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThat(extauth.authenticate("silent", "x".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                    AuthResult.Failure.class, f -> assertThat(f.reason()).contains("no complete answer"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aLineBreakInANameOrPasswordIsNeverSent() throws Exception {
        try (FakeAuthd authd = new FakeAuthd(dir.resolve("ftpd.sock"), ExtAuthAuthenticatorTest::answer)) {
            ExtAuthAuthenticator extauth = new ExtAuthAuthenticator(authd.socket());
            assertThat(extauth.authenticate("carol", "x\nauth_ok:1".toCharArray(), CLIENT))
                    .isInstanceOf(AuthResult.Failure.class);
            assertThat(extauth.authenticate("carol\rroot", "x".toCharArray(), CLIENT))
                    .isInstanceOf(AuthResult.Failure.class);
            assertThat(authd.requests).isEmpty();
        }
    }
}
