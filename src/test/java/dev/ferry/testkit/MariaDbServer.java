package dev.ferry.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB server for one test, from Debian's {@code mariadb-server} package:
 * {@code mariadb-install-db} into a scratch directory, the server on 127.0.0.1 and a free port,
 * {@code root} without a password over TCP. Stopped by PID. Without the package the tests that
 * need it are skipped, except under {@code CI}, where {@code .ci/run} installs it.
 */
public final class MariaDbServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process server;

    private MariaDbServer(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Starts a server, or skips the calling test when there is no MariaDB here (and not in CI). */
    public static MariaDbServer start() throws IOException, InterruptedException, SQLException {
        if (!Files.isExecutable(Path.of("/usr/sbin/mariadbd"))
                || !Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"))) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("MariaDB is not installed; .ci/run installs the mariadb-server package");
            }
            assumeTrue(false, "MariaDB (Debian's mariadb-server package) is not installed");
        }
        Path dir = Files.createTempDirectory("ferry-mariadb");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String user = System.getProperty("user.name");
        Path log = dir.resolve("server.log");
        Process install = new ProcessBuilder("/usr/bin/mariadb-install-db", "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--user=" + user, "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + Files.readString(log));
        }
        List<String> command = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("socket"), "--port=" + port,
                "--bind-address=127.0.0.1", "--skip-name-resolve", "--user=" + user,
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--log-error=" + dir.resolve("error.log")));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        MariaDbServer started = new MariaDbServer(dir, port, server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                started.execute("SELECT 1");
                return started;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    started.close();
                    throw new IOException("mariadbd did not start: " + Files.readString(dir.resolve("error.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    public int port() {
        return port;
    }

    /** Runs {@code sql} (statements separated by ";") as root. */
    public void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
