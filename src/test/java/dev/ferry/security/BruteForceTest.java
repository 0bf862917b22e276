package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.SessionLimits;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-AUTH-02, 04, 06 and 10 (catalogue §B, RFC 2577 §5 and §7): failed logins are delayed and
 * end the connection after maxLoginAttempts, without locking the real user out; USER and PASS
 * answer the same whether the account exists or not; anonymous names are ordinary unknown users
 * while anonymous access is off.
 */
class BruteForceTest {
    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path temp;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(Duration failureDelay) {
        server = TestServer.builder(temp)
                .limits(new SessionLimits(50, 50, MAX_ATTEMPTS, failureDelay, 4096))
                .start();
        return server;
    }

    /** One connection's worth of failures: 530 until the last, then 421 and the connection closes. */
    private List<RawReply> failOneConnection(String user, String passwordPrefix) {
        List<RawReply> passReplies = new ArrayList<>();
        try (RawFtpClient c = server.raw()) {
            for (int i = 1; i <= MAX_ATTEMPTS; i++) {
                assertThat(c.command("USER " + user).code()).isEqualTo(331);
                RawReply pass = c.command("PASS " + passwordPrefix + i);
                passReplies.add(pass);
                assertThat(pass.code()).isEqualTo(i < MAX_ATTEMPTS ? 530 : 421);
            }
            assertThat(c.isClosedByServer()).isTrue();
        }
        return passReplies;
    }

    @Test
    void twoHundredFailuresDoNotLockOutTheRealUser() throws Exception {
        start(Duration.ofMillis(10));
        int connections = (200 + MAX_ATTEMPTS - 1) / MAX_ATTEMPTS;
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                String user = i % 2 == 0 ? TestServer.USER : "nobody" + i;
                String password = "guess-" + i + "-";
                done.add(pool.submit(() -> failures.addAndGet(failOneConnection(user, password).size())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures.get()).isGreaterThanOrEqualTo(200);
        try (RawFtpClient c = server.raw()) {
            c.login();
            assertThat(c.command("PWD").code()).isEqualTo(257);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetByteIdenticalReplies() {
        start(Duration.ofMillis(10));
        List<RawReply> wrongPassword = failOneConnection(TestServer.USER, "wrong");
        List<RawReply> unknownUser = failOneConnection("no-such-user", "wrong");
        List<RawReply> invalidName = failOneConnection("bad/name;", "wrong");
        assertThat(unknownUser).isEqualTo(wrongPassword);
        assertThat(invalidName).isEqualTo(wrongPassword);
    }

    @Test
    void userAnswersTheSameForEveryName() {
        start(Duration.ofMillis(10));
        try (RawFtpClient c = server.raw()) {
            RawReply alice = c.command("USER alice");
            RawReply nobody = c.command("USER nosuchuser");
            RawReply root = c.command("USER root");
            assertThat(alice.code()).isEqualTo(331);
            assertThat(nobody.code()).isEqualTo(331);
            assertThat(root.code()).isEqualTo(331);
            assertThat(nobody.all().replace("nosuchuser", "<name>")).isEqualTo(alice.all().replace("alice", "<name>"));
            assertThat(root.all().replace("root", "<name>")).isEqualTo(alice.all().replace("alice", "<name>"));
        }
    }

    /** The one timing assertion: a lower bound, so a slow machine cannot make it fail. */
    @Test
    void failedLoginsAreDelayed() {
        start(Duration.ofMillis(200));
        try (RawFtpClient c = server.raw()) {
            for (String user : List.of(TestServer.USER, "no-such-user")) {
                assertThat(c.command("USER " + user).code()).isEqualTo(331);
                long started = System.nanoTime();
                RawReply reply = c.command("PASS definitely-wrong");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(reply.code()).isEqualTo(530);
                assertThat(millis).as("delay for %s", user).isGreaterThanOrEqualTo(180);
            }
        }
    }

    @Test
    void anonymousNamesAreRefusedWhileAnonymousIsOff() {
        start(Duration.ofMillis(10));
        for (String name : List.of("anonymous", "ftp", "ANONYMOUS")) {
            try (RawFtpClient c = server.raw()) {
                assertThat(c.command("USER " + name).code()).isEqualTo(331);
                assertThat(c.command("PASS guest@example.com").all()).isEqualTo("530 Login incorrect");
                assertThat(c.command("PWD").code()).isEqualTo(530);
                assertThat(c.command("USER " + name).code()).isEqualTo(331);
                assertThat(c.command("PASS ").code()).isEqualTo(530);
            }
        }
    }

    /** SEC-AUTH-06: absurd credentials are refused quickly and never crash the session. */
    @Test
    void overlongAndBinaryCredentials() {
        start(Duration.ofMillis(10));
        try (RawFtpClient c = server.raw()) {
            assertThat(c.command("USER " + "u".repeat(4000)).code()).isEqualTo(331);
            assertThat(c.command("PASS " + "p".repeat(4000)).code()).isEqualTo(530);
            assertThat(c.command("USER a\u0000b").code()).isEqualTo(331);
            assertThat(c.command("PASS x").code()).isEqualTo(530);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
        try (RawFtpClient c = server.raw()) {
            assertThat(c.command("USER alice").code()).isEqualTo(331);
            assertThat(c.command("PASS alice-secret\u0000").code()).isEqualTo(530);
            assertThat(c.command("USER alice").code()).isEqualTo(331);
            assertThat(c.command("PASS alice-secret").code()).isEqualTo(230);
        }
    }
}
