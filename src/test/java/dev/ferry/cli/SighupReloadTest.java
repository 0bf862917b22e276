package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ferry serve --config FILE} process: SIGHUP makes it read the file again, and
 * {@code ferry reload} reaches it through its admin socket.
 */
class SighupReloadTest {
    private static final long DEADLINE_MILLIS = 30_000;

    @TempDir
    Path dir;

    @Test
    void sighupAndFerryReloadMakeARunningServeReadItsFileAgain() throws Exception {
        // Started under nohup, this JVM ignores SIGHUP and so does every child it starts: the
        // server could not see the signal (it says so in its log), so only `ferry reload` is tested.
        boolean sighupIgnored = sighupIgnored();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = dir.resolve("data");
        Path file = dir.resolve("ferry.conf");
        String head = "Port " + port + "\nDefaultAddress 127.0.0.1\n";
        Files.writeString(file, head + "ServerIdent on \"Before\"\n");
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), FerryCommand.class.getName(),
                "serve", "--data-dir", data.toString(), "--config", file.toString()).redirectErrorStream(true);
        builder.environment().put("FERRY_TEST_LOG_LEVEL", "INFO");
        Process serve = builder.start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            awaitLine(output, seen, "Ferry listening on 127.0.0.1:" + port);
            try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", port)) {
                assertThat(client.banner().text()).isEqualTo("Before");
            }

            if (!sighupIgnored) {
                Files.writeString(file, head + "ServerIdent on \"After\"\n");
                Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).inheritIO().start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(kill.exitValue()).isZero();

                awaitLine(output, seen, "configuration reloaded from " + file
                        + ": 1 server; 0 running sessions keep the previous configuration");
                assertThat(serve.isAlive()).isTrue();
                try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", port)) {
                    assertThat(client.banner().text()).isEqualTo("After");
                }
            }

            Files.writeString(file, head + "ServerIdent on \"Again\"\n");
            ReloadCommandTest.Run reload = ReloadCommandTest.ferry("reload", "--data-dir", data.toString());
            assertThat(reload).isEqualTo(new ReloadCommandTest.Run(0, "configuration reloaded from " + file
                    + ": 1 server; 0 running sessions keep the previous configuration\n", ""));
            try (RawFtpClient client = RawFtpClient.connect("127.0.0.1", port)) {
                assertThat(client.banner().text()).isEqualTo("Again");
            }
        } finally {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        assertThat(data.resolve("ferry.sock")).doesNotExist();
        Assumptions.assumeFalse(sighupIgnored, "SIGHUP is ignored in this environment (nohup?): "
                + "ferry reload was tested, the signal was not");
    }

    /** Whether SIGHUP is in this process's set of ignored signals (Linux: SigIgn, bit 0). */
    private static boolean sighupIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1L) != 0;
            }
        }
        return false;
    }

    /** Waits for a line of the server's output that ends with {@code wanted}. */
    private static void awaitLine(BlockingQueue<String> output, List<String> seen, String wanted)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (line.endsWith(wanted)) {
                return;
            }
        }
        throw new AssertionError("no line ending with '" + wanted + "' from ferry serve; it said:\n"
                + String.join("\n", seen));
    }
}
