package dev.ferry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.Timeouts;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FtpServer.stop()}: the listener closes at once, running transfers get the grace period to
 * finish, then every session is told 421 "Server shutting down" (RFC 959 §4.2) and closed.
 */
class GracefulStopTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(Duration grace) {
        server = TestServer.builder(temp)
                .timeouts(new Timeouts(LONG, LONG, LONG, Duration.ofSeconds(10), grace))
                .start();
        return server;
    }

    /** Runs stop() on its own thread, as a signal handler would; records when it returned. */
    private Thread stopInBackground(AtomicLong returnedAt) {
        return Thread.ofPlatform().start(() -> {
            server.server().stop();
            returnedAt.set(System.nanoTime());
        });
    }

    private boolean refusesConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    @Test
    void aRunningTransferFinishesWithinTheGraceThenSessionsGet421() throws Exception {
        start(Duration.ofSeconds(10));
        byte[] data = TransferSupport.randomBytes(10 * 50_000, 1);
        try (RawFtpClient idle = server.raw(); RawFtpClient busy = server.raw()) {
            idle.login();
            busy.login();
            assertThat(busy.command("TYPE I").code()).isEqualTo(200);
            try (var link = RawMode.PASV.prepare(busy)) {
                assertThat(busy.command("STOR up.bin").code()).isEqualTo(150);
                Socket socket = link.socket();
                OutputStream out = socket.getOutputStream();
                out.write(data, 0, 50_000);
                out.flush();
                AtomicLong stoppedAt = new AtomicLong();
                Thread stopper = stopInBackground(stoppedAt);
                // no new sessions from the moment stop() begins
                assertThat(TransferSupport.eventually(Duration.ofSeconds(3), this::refusesConnections)).isTrue();
                for (int i = 1; i < 10; i++) { // the upload goes on for about a second
                    out.write(data, i * 50_000, 50_000);
                    out.flush();
                    Thread.sleep(100);
                }
                assertThat(stopper.isAlive()).as("stop() must wait for the running transfer").isTrue();
                socket.close();
                RawReply done = busy.read();
                assertThat(done.code()).as(done.toString()).isEqualTo(226);
                RawReply bye = busy.read();
                assertThat(bye.code()).as(bye.toString()).isEqualTo(421);
                assertThat(bye.text()).containsIgnoringCase("shutting down");
                assertThat(busy.isClosedByServer()).isTrue();
                RawReply idleBye = idle.read();
                assertThat(idleBye.code()).isEqualTo(421);
                assertThat(idle.isClosedByServer()).isTrue();
                stopper.join(10_000);
                assertThat(stopper.isAlive()).isFalse();
            }
        }
        assertThat(Files.readAllBytes(server.home().resolve("up.bin"))).isEqualTo(data);
        assertThat(server.server().sessionCount()).isZero();
        assertThat(refusesConnections()).isTrue();
    }

    @Test
    void aTransferThatOutlastsTheGraceIsCutAndStopReturns() throws Exception {
        start(Duration.ofMillis(500));
        TransferSupport.sparseFile(server.home().resolve("big.bin"), 64L << 20);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            Socket data = TransferSupport.passiveSmallWindow(raw);
            assertThat(raw.command("RETR big.bin").code()).isEqualTo(150);
            TransferSupport.readExactly(data, 1_000); // and then stop reading
            long started = System.nanoTime();
            AtomicLong stoppedAt = new AtomicLong();
            Thread stopper = stopInBackground(stoppedAt);
            RawReply bye = raw.read();
            assertThat(bye.code()).as(bye.toString()).isEqualTo(421);
            assertThat(raw.isClosedByServer()).isTrue();
            assertThat(TransferSupport.drain(data, Duration.ofSeconds(10))).isLessThan(64L << 20);
            data.close();
            stopper.join(10_000);
            assertThat(stopper.isAlive()).isFalse();
            Duration took = Duration.ofNanos(stoppedAt.get() - started);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(server.server().sessionCount()).isZero();
    }

    @Test
    void connectionsRacingWithStopAreAllClosed() throws Exception {
        start(Duration.ofSeconds(10));
        int clients = 30;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Socket s = new Socket()) {
                    go.await();
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                    s.setSoTimeout(15_000);
                    // whatever it got (220, 421, nothing), the server must close it
                    s.getInputStream().readAllBytes();
                } catch (java.net.SocketTimeoutException e) {
                    problems.add("a connection was left open after stop()");
                } catch (IOException | InterruptedException refusedOrReset) {
                    // refused by the closed listener, or reset: closed either way
                }
            }));
        }
        go.countDown();
        Thread.sleep(5);
        long started = System.nanoTime();
        server.server().stop();
        // no transfers: nothing to wait for but the sessions noticing their close (bounded by 5 s)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(problems).isEmpty();
        assertThat(server.server().sessionCount()).isZero();
    }

    @Test
    void stopWithoutTransfersClosesSessionsAtOnceAndIsIdempotent() {
        start(Duration.ofSeconds(10));
        try (RawFtpClient loggedIn = server.raw(); RawFtpClient fresh = server.raw()) {
            loggedIn.login();
            long started = System.nanoTime();
            server.server().stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(loggedIn.read().code()).isEqualTo(421);
            assertThat(fresh.read().code()).isEqualTo(421);
            assertThat(loggedIn.isClosedByServer()).isTrue();
            assertThat(fresh.isClosedByServer()).isTrue();
            server.server().stop(); // again: nothing left to do
            assertThat(refusesConnections()).isTrue();
        }
    }
}
