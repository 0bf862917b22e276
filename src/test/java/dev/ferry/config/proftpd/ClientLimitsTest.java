package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MaxClients}, {@code MaxClientsPerHost} and {@code MaxClientsPerUser} counted per server
 * and virtual host, as ProFTPD counts them, {@code MaxInstances} over all of them together, and
 * {@code TimeoutNoTransfer}.
 */
class ClientLimitsTest {
    @TempDir
    Path dir;
    private ConfiguredServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachVirtualHostCountsItsOwnClients() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClients 1
                <VirtualHost 127.0.0.1>
                  Port @PORT2@
                  ServerName "Second"
                  MaxClients 2
                </VirtualHost>
                """);
        try (RawFtpClient first = server.connect();
             RawFtpClient second = RawFtpClient.connect("127.0.0.1", server.port2());
             RawFtpClient third = RawFtpClient.connect("127.0.0.1", server.port2())) {
            assertThat(first.banner().code()).isEqualTo(220);
            assertThat(second.banner().code()).isEqualTo(220); // the main server's client does not count here
            assertThat(third.banner().code()).isEqualTo(220);
            try (RawFtpClient refused = server.connect();
                 RawFtpClient alsoRefused = RawFtpClient.connect("127.0.0.1", server.port2())) {
                RawReply reply = refused.banner();
                assertThat(reply.code()).isEqualTo(421);
                assertThat(reply.text()).contains("Too many users (1)");
                assertThat(alsoRefused.banner().text()).contains("Too many users (2)");
            }
        }
        // the slots come back once the server has seen the clients go
        assertThat(TransferSupport.eventually(Duration.ofSeconds(5), () -> server.server().sessionCount() == 0))
                .isTrue();
        try (RawFtpClient again = server.connect()) {
            assertThat(again.banner().code()).isEqualTo(220);
        }
    }

    @Test
    void hostMovesTheCountAndRefusesAFullVirtualHost() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClients 5
                <VirtualHost 127.0.0.1>
                  ServerAlias small.example.com
                  ServerName "Small"
                  MaxClients 1
                </VirtualHost>
                """);
        try (RawFtpClient first = server.connect(); RawFtpClient second = server.connect()) {
            first.banner();
            second.banner();
            assertThat(first.command("HOST small.example.com").code()).isEqualTo(220);
            RawReply full = second.command("HOST small.example.com");
            assertThat(full.code()).isEqualTo(421);
            assertThat(full.text()).contains("Too many users (1)");
            assertThat(second.isClosedByServer()).isTrue();
            // REIN takes the first client back to the main server and frees the small one
            assertThat(first.command("REIN").code()).isEqualTo(220);
            try (RawFtpClient third = server.connect()) {
                third.banner();
                assertThat(third.command("HOST small.example.com").code()).isEqualTo(220);
            }
        }
    }

    @Test
    void maxClientsPerUserRefusesTheExtraLoginOnly() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClientsPerUser 1
                """);
        try (RawFtpClient first = server.connect(); RawFtpClient second = server.connect();
             RawFtpClient other = server.connect()) {
            first.banner();
            second.banner();
            other.banner();
            first.login("alice", "alice-secret");
            assertThat(second.command("USER alice").code()).isEqualTo(331);
            RawReply refused = second.command("PASS alice-secret");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.text()).isEqualTo("Sorry, the maximum number of clients (1) for this user are already "
                    + "connected.");
            assertThat(second.isClosedByServer()).isTrue();
            other.login("bob", "bob-secret"); // another user is not affected
            // REIN gives alice's count back while the connection stays
            assertThat(first.command("REIN").code()).isEqualTo(220);
            try (RawFtpClient again = server.connect()) {
                again.banner();
                again.login("alice", "alice-secret");
            }
        }
        assertThat(TransferSupport.eventually(Duration.ofSeconds(5), () -> server.server().sessionCount() == 0))
                .isTrue();
        try (RawFtpClient afterQuit = server.connect()) {
            afterQuit.banner();
            afterQuit.login("alice", "alice-secret");
        }
    }

    @Test
    void theAdministratorsRefusalTextsReplaceTheStandardOnes() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClients 2 "Sorry, only %m at a time"
                MaxClientsPerUser 1 "One session per user (%m)"
                """);
        try (RawFtpClient first = server.connect(); RawFtpClient second = server.connect()) {
            assertThat(first.banner().code()).isEqualTo(220);
            assertThat(second.banner().code()).isEqualTo(220);
            try (RawFtpClient third = server.connect()) {
                RawReply full = third.banner();
                assertThat(full.code()).isEqualTo(421);
                assertThat(full.text()).isEqualTo("Sorry, only 2 at a time");
            }
            first.login("alice", "alice-secret");
            second.command("USER alice");
            RawReply perUser = second.command("PASS alice-secret");
            assertThat(perUser.code()).isEqualTo(530);
            assertThat(perUser.text()).isEqualTo("One session per user (1)");
        }
    }

    @Test
    void maxClientsInsideAnonymousCapsItsLoginsInsteadOfThePerUserLimit() throws Exception {
        Files.createDirectories(dir.resolve("anon"));
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClientsPerUser 1
                <Anonymous @DIR@/anon>
                  User ftp
                  UserAlias anonymous ftp
                  MaxClients 2 "Anonymous area full (%m)"
                </Anonymous>
                """);
        try (RawFtpClient first = server.connect(); RawFtpClient second = server.connect();
             RawFtpClient third = server.connect(); RawFtpClient real = server.connect()) {
            readBanners(first, second, third, real);
            first.login("anonymous", "a@example.org");
            second.login("ftp", "b@example.org"); // two visitors of one account: the area's cap counts, not the per-user one
            third.command("USER anonymous");
            RawReply refused = third.command("PASS c@example.org");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.text()).isEqualTo("Anonymous area full (2)");
            assertThat(third.isClosedByServer()).isTrue();
            real.login("alice", "alice-secret"); // real users are not counted against the area
            assertThat(first.command("QUIT").code()).isEqualTo(221);
        }
        try (RawFtpClient again = server.connect()) {
            again.banner();
            assertThat(TransferSupport.eventually(Duration.ofSeconds(5), () -> server.server().sessionCount() == 1))
                    .isTrue();
            again.login("anonymous", "d@example.org");
        }
    }

    @Test
    void aUsersOwnSessionLimitWinsOverTheServers() throws Exception {
        StoredUser carol = ConfiguredServer.user("carol");
        carol = new StoredUser(carol.name(), carol.passwordHash(), carol.home(), true, new UserLimits(1, 0, 0, 0, 0),
                carol.groups()); // as `ferry user add carol --max-sessions 1` stores it
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxClientsPerUser 3
                """, List.of(carol));
        try (RawFtpClient first = server.connect(); RawFtpClient second = server.connect();
             RawFtpClient bob1 = server.connect(); RawFtpClient bob2 = server.connect()) {
            readBanners(first, second, bob1, bob2);
            first.login("carol", "carol-secret");
            second.command("USER carol");
            RawReply refused = second.command("PASS carol-secret");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.text()).isEqualTo("Sorry, the maximum number of clients (1) for this user are already "
                    + "connected.");
            bob1.login("bob", "bob-secret"); // without a limit of his own, the server's 3 applies
            bob2.login("bob", "bob-secret");
        }
    }

    @Test
    void timeoutNoTransferEndsASessionThatOnlyTalks() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                TimeoutNoTransfer 1
                """);
        try (RawFtpClient busy = server.connect(); RawFtpClient chatty = server.connect()) {
            busy.banner();
            chatty.banner();
            busy.login("alice", "alice-secret");
            chatty.login("bob", "bob-secret");
            RawReply last = null;
            for (int i = 0; i < 40 && last == null; i++) {
                Thread.sleep(100);
                if (i % 4 == 0) {
                    // a transfer every 400 ms
                    TransferSupport.upload(busy, RawMode.PASV, "STOR f" + i, new byte[] {(byte) i});
                }
                RawReply noop = chatty.command("NOOP");
                if (noop.code() != 200) {
                    last = noop;
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.code()).isEqualTo(421);
            assertThat(last.text()).isEqualTo("No transfer timeout (1 seconds): closing control connection");
            assertThat(busy.command("NOOP").code()).isEqualTo(200);
        }
    }

    private static void readBanners(RawFtpClient... clients) {
        for (RawFtpClient c : clients) {
            assertThat(c.banner().code()).isEqualTo(220);
        }
    }

    @Test
    void maxInstancesCountsEveryServerTogether() throws Exception {
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                MaxInstances 2
                <VirtualHost 127.0.0.1>
                  Port @PORT2@
                  ServerName "Second"
                </VirtualHost>
                """);
        try (RawFtpClient first = server.connect();
             RawFtpClient second = RawFtpClient.connect("127.0.0.1", server.port2())) {
            assertThat(first.banner().code()).isEqualTo(220);
            assertThat(second.banner().code()).isEqualTo(220);
            try (RawFtpClient refused = server.connect();
                 RawFtpClient alsoRefused = RawFtpClient.connect("127.0.0.1", server.port2())) {
                RawReply reply = refused.banner();
                assertThat(reply.code()).isEqualTo(421);
                assertThat(reply.text()).contains("Too many connections (2)");
                assertThat(alsoRefused.banner().code()).isEqualTo(421);
            }
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (server.server().sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // each session ends on its own thread once its client has gone
        }
        try (RawFtpClient again = server.connect()) {
            assertThat(again.banner().code()).as("the closed connections no longer count").isEqualTo(220);
        }
    }
}
