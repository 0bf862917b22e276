package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.PassiveConfig;
import dev.ferry.config.PortRange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passive port range and the masquerade address (ProFTPD PassivePorts/MasqueradeAddress,
 * Pure-FTPd -p/-P): PASV and EPSV listen only inside the range while a port is free there, fall
 * back to an ephemeral port when it is exhausted, and PASV advertises the masquerade address.
 */
class PassivePortTest {
    @TempDir
    Path temp;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * A range of {@code size} ports that are free now, preferably outside the kernel's ephemeral
     * range so that no outgoing connection takes one while the test runs.
     */
    private static PortRange freeRange(int size) {
        int low = 40_000;
        int high = 60_000;
        // (Files.readString sees only the first byte of this procfs file on JDK 25: read a line)
        try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] ephemeral = reader.readLine().trim().split("\\s+");
            int ephemeralHigh = Integer.parseInt(ephemeral[1]);
            if (ephemeralHigh + 1000 < 65_000) {
                low = ephemeralHigh + 1;
                high = 65_000;
            }
        } catch (IOException | RuntimeException notLinux) {
            // keep 40000-60000
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int start = ThreadLocalRandom.current().nextInt(low, high - size);
            if (allFree(start, start + size - 1)) {
                return new PortRange(start, start + size - 1);
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean allFree(int low, int high) {
        for (int port = low; port <= high; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException busy) {
                return false;
            }
        }
        return true;
    }

    private static int pasvPort(RawFtpClient raw) {
        return TransferSupport.parsePasv(raw.command("PASV")).getPort();
    }

    private static int epsvPort(RawFtpClient raw) {
        return TransferSupport.parseEpsv(raw.command("EPSV"));
    }

    private static byte[] retrieveFrom(RawFtpClient raw, int port, String name) throws IOException {
        try (Socket data = new Socket("127.0.0.1", port)) {
            data.setSoTimeout(20_000);
            assertThat(raw.command("RETR " + name).code()).isEqualTo(150);
            byte[] bytes;
            try (InputStream in = data.getInputStream()) {
                bytes = in.readAllBytes();
            }
            assertThat(raw.read().code()).isEqualTo(226);
            return bytes;
        }
    }

    @Test
    void everyPassivePortIsInTheRange() throws Exception {
        PortRange range = freeRange(5);
        server = TestServer.builder(temp).passive(new PassiveConfig(Optional.of(range), Optional.empty())).start();
        byte[] data = TransferSupport.randomBytes(100_000, 1);
        Files.write(server.home().resolve("f.bin"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                int pasv = pasvPort(raw);
                int epsv = epsvPort(raw);
                assertThat(pasv).isBetween(range.low(), range.high());
                assertThat(epsv).isBetween(range.low(), range.high());
                seen.add(pasv);
                seen.add(epsv);
            }
            // the start is random (RFC 2577 §5: no predictable ports), so more than one is used
            assertThat(seen.size()).isGreaterThan(1);
            for (int i = 0; i < 6; i++) { // transfers through range ports, reusing them
                int port = i % 2 == 0 ? pasvPort(raw) : epsvPort(raw);
                assertThat(port).isBetween(range.low(), range.high());
                assertThat(retrieveFrom(raw, port, "f.bin")).isEqualTo(data);
            }
        }
    }

    @Test
    void concurrentSessionsGetDistinctPortsInTheRange() {
        PortRange range = freeRange(5);
        server = TestServer.builder(temp).passive(new PassiveConfig(Optional.of(range), Optional.empty())).start();
        try (RawFtpClient a = server.raw(); RawFtpClient b = server.raw(); RawFtpClient c = server.raw()) {
            a.login();
            b.login();
            c.login();
            int pa = pasvPort(a);
            int pb = pasvPort(b);
            int pc = epsvPort(c);
            assertThat(Set.of(pa, pb, pc)).hasSize(3).allSatisfy(p -> assertThat(p).isBetween(range.low(), range.high()));
        }
    }

    @Test
    void anExhaustedRangeFallsBackToAWorkingEphemeralPort() throws Exception {
        byte[] data = TransferSupport.randomBytes(50_000, 2);
        for (int attempt = 0; ; attempt++) {
            PortRange range = freeRange(1);
            server = TestServer.builder(temp.resolve("try" + attempt))
                    .passive(new PassiveConfig(Optional.of(range), Optional.empty())).start();
            Files.write(server.home().resolve("f.bin"), data);
            try (RawFtpClient first = server.raw(); RawFtpClient second = server.raw()) {
                first.login();
                second.login();
                first.command("TYPE I");
                second.command("TYPE I");
                int held = pasvPort(first);
                if (held != range.low() && attempt < 3) {
                    continue; // someone else took the port between the probe and PASV; try another
                }
                assertThat(held).isEqualTo(range.low());
                int fallback = pasvPort(second);
                assertThat(fallback).isNotEqualTo(range.low());
                assertThat(retrieveFrom(second, fallback, "f.bin")).isEqualTo(data);
                assertThat(retrieveFrom(first, held, "f.bin")).isEqualTo(data);
                // the range port is free again and is used again
                assertThat(pasvPort(second)).isEqualTo(range.low());
                return;
            } finally {
                server.close();
                server = null;
            }
        }
    }

    @Test
    void masqueradeAddressIsAdvertisedInPasv() throws Exception {
        server = TestServer.builder(temp)
                .passive(new PassiveConfig(Optional.empty(), Optional.of("127.0.0.9"))).start();
        byte[] data = TransferSupport.randomBytes(1_000, 3);
        Files.write(server.home().resolve("f.bin"), data);
        try (RawFtpClient raw = server.raw()) {
            raw.login();
            RawReply pasv = raw.command("PASV");
            assertThat(pasv.code()).isEqualTo(227);
            assertThat(pasv.text()).containsPattern("\\(127,0,0,9,\\d{1,3},\\d{1,3}\\)");
            assertThat(TransferSupport.parsePasv(pasv).getHostString()).isEqualTo("127.0.0.9");
            // the listener itself is on the real address, where the client can reach it
            int port = TransferSupport.parsePasv(pasv).getPort();
            assertThat(raw.command("TYPE I").code()).isEqualTo(200);
            assertThat(retrieveFrom(raw, port, "f.bin")).isEqualTo(data);
            // EPSV names only a port (RFC 2428 §3): unaffected
            assertThat(TransferSupport.retrieve(raw, TransferSupport.RawMode.EPSV, "f.bin")).isEqualTo(data);
        }
    }
}
