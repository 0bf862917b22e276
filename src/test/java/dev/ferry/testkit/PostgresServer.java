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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for one test class, from Debian's {@code postgresql} package:
 * {@code initdb} into a scratch directory, the server on 127.0.0.1 and a free port, the
 * superuser {@code ferry} with trust authentication. PostgreSQL refuses to run as root, so when
 * the tests run as root it runs in a user namespace as {@code nobody} (which, outside, is still
 * root: this VM's {@code /} is mode 700). Stopped by PID ({@code postmaster.pid}).
 *
 * <p>Without the package the tests that need it are skipped, except under {@code CI}, where
 * {@code .ci/run} installs it and a missing server is a failure.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server, or skips the calling test when there is no PostgreSQL here (and not in CI). */
    public static PostgresServer start() throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("PostgreSQL is not installed; .ci/run installs the postgresql package");
            }
            assumeTrue(false, "PostgreSQL (Debian's postgresql package) is not installed");
        }
        Path dir = Files.createTempDirectory("ferry-pg");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        run(dir, List.of(bin.get().resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", "ferry", "--no-sync", "-E", "UTF8", "--no-locale"));
        run(dir, List.of(bin.get().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"));
        return new PostgresServer(dir, port);
    }

    public int port() {
        return port;
    }

    /** Runs {@code sql} (statements separated by ";") in {@code database} as the superuser. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                "ferry", ""); Statement s = c.createStatement()) {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("data/postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            // SIGINT: PostgreSQL's fast shutdown, which does not wait for clients to disconnect
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.isPresent() && server.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
        }
        full.addAll(command);
        Path log = dir.resolve("commands.log");
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log)
                    + (Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : ""));
        }
    }
}
