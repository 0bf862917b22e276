package dev.ferry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.SessionLimits;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MaxClients and MaxClientsPerHost: a connection over a limit gets 421 (RFC 959 §4.2, "service
 * not available, closing control connection") before any session exists, and a slot comes
 * back when a session ends.
 */
class SessionLimitTest {
    @TempDir
    Path temp;
    private TestServer server;
    private final List<RawFtpClient> open = new ArrayList<>();

    @AfterEach
    void stop() {
        open.forEach(RawFtpClient::close);
        if (server != null) {
            server.close();
        }
    }

    private void start(int maxSessions, int maxPerIp) {
        server = TestServer.builder(temp)
                .limits(new SessionLimits(maxSessions, maxPerIp, 3, Duration.ofMillis(10), 4096))
                .start();
    }

    private RawFtpClient connect(String from) {
        RawFtpClient raw = RawFtpClient.connectFrom(from, "127.0.0.1", server.port());
        open.add(raw);
        return raw;
    }

    /** Connects until admitted (the server frees a slot once it notices a close); true if it was. */
    private boolean admittedWithin(String from, Duration timeout) {
        return TransferSupport.eventually(timeout, () -> {
            RawFtpClient raw = connect(from);
            if (raw.banner().code() == 220) {
                return true;
            }
            raw.close();
            return false;
        });
    }

    @Test
    void connectionBeyondMaxSessionsGets421AtOnce() {
        start(3, 0);
        for (int i = 0; i < 3; i++) {
            RawFtpClient raw = connect("127.0.0.1");
            assertThat(raw.banner().code()).isEqualTo(220);
        }
        long started = System.nanoTime();
        RawFtpClient refused = connect("127.0.0.1");
        assertThat(refused.banner().code()).as(refused.banner().toString()).isEqualTo(421);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(refused.isClosedByServer()).isTrue();
        // another address does not help against the global limit
        assertThat(connect("127.0.0.2").banner().code()).isEqualTo(421);
        // the admitted sessions work normally
        open.getFirst().login();
        assertThat(open.getFirst().command("NOOP").code()).isEqualTo(200);
        assertThat(server.server().sessionCount()).isEqualTo(3);
    }

    @Test
    void aSlotFreedByQuitOrCloseIsGivenToTheNextConnection() {
        start(2, 0);
        RawFtpClient first = connect("127.0.0.1");
        RawFtpClient second = connect("127.0.0.1");
        assertThat(first.banner().code()).isEqualTo(220);
        assertThat(second.banner().code()).isEqualTo(220);
        assertThat(connect("127.0.0.1").banner().code()).isEqualTo(421);
        assertThat(first.command("QUIT").code()).isEqualTo(221);
        first.close();
        assertThat(admittedWithin("127.0.0.1", Duration.ofSeconds(5))).isTrue();
        assertThat(connect("127.0.0.1").banner().code()).isEqualTo(421);
        second.close(); // without QUIT
        assertThat(admittedWithin("127.0.0.1", Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void perAddressLimitRefusesOneHostAndAdmitsAnother() {
        start(10, 2);
        RawFtpClient a = connect("127.0.0.1");
        RawFtpClient b = connect("127.0.0.1");
        assertThat(a.banner().code()).isEqualTo(220);
        assertThat(b.banner().code()).isEqualTo(220);
        RawFtpClient refused = connect("127.0.0.1");
        assertThat(refused.banner().code()).as(refused.banner().toString()).isEqualTo(421);
        assertThat(refused.isClosedByServer()).isTrue();
        // a different host still gets in, up to its own limit
        RawFtpClient other = connect("127.0.0.2");
        assertThat(other.banner().code()).isEqualTo(220);
        assertThat(connect("127.0.0.2").banner().code()).isEqualTo(220);
        assertThat(connect("127.0.0.2").banner().code()).isEqualTo(421);
        other.login();
        assertThat(other.command("PWD").code()).isEqualTo(257);
        // refused attempts took no slot: closing one admitted session lets exactly one more in
        a.close();
        assertThat(admittedWithin("127.0.0.1", Duration.ofSeconds(5))).isTrue();
        assertThat(connect("127.0.0.1").banner().code()).isEqualTo(421);
    }

    @Test
    void manyRefusalsDoNotLeakSlots() {
        start(1, 0);
        RawFtpClient only = connect("127.0.0.1");
        assertThat(only.banner().code()).isEqualTo(220);
        for (int i = 0; i < 20; i++) {
            RawFtpClient refused = connect("127.0.0.1");
            assertThat(refused.banner().code()).isEqualTo(421);
            refused.close();
        }
        only.close();
        assertThat(admittedWithin("127.0.0.1", Duration.ofSeconds(5))).isTrue();
        assertThat(server.server().sessionCount()).isEqualTo(1);
    }
}
