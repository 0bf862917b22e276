package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The security fixture: a test server for alice, plus things outside her root that must never be
 * reached (catalogue §0: OUTSIDE with a canary, a sibling home "alice2" whose name has alice's as
 * a prefix, and secrets in the data directory and the temp directory), and a known home layout.
 *
 * <pre>
 * temp/secret.txt                       CANARY
 * temp/outside/canary.txt               CANARY
 * temp/ferry-data/secret.txt            CANARY
 * temp/ferry-data/home/alice2/secret.txt CANARY
 * temp/ferry-data/home/alice/           alice's "/": secret.txt (INSIDE), victim.txt, keep.txt, sub/file.txt
 * </pre>
 */
final class Jail implements AutoCloseable {
    /** Unique per run, so that finding it anywhere proves a read outside the root. */
    static final String CANARY = "CANARY-" + UUID.randomUUID();
    static final byte[] INSIDE_SECRET = "inside secret\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] VICTIM = "victim\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] SUB_FILE = "in sub\n".getBytes(StandardCharsets.UTF_8);
    /** Names that exist only outside alice's root; no listing of hers may show them. */
    static final List<String> OUTSIDE_ONLY_NAMES = List.of("alice2", "users.db", "ferry-data", "canary.txt", "outside");
    static final Set<String> DATA_VERBS = Set.of("LIST", "NLST", "MLSD", "RETR", "STOR", "APPE", "STOU");

    private final Path temp;
    private final TestServer server;

    private Jail(Path temp, TestServer server) {
        this.temp = temp;
        this.server = server;
    }

    static Jail start(Path temp) {
        return start(temp, b -> b);
    }

    static Jail start(Path temp, UnaryOperator<TestServer.Builder> options) {
        Jail jail = new Jail(temp, options.apply(TestServer.builder(temp)).start());
        jail.seedOutside();
        jail.resetHome();
        return jail;
    }

    TestServer server() {
        return server;
    }

    Path temp() {
        return temp;
    }

    Path home() {
        return server.home();
    }

    Path outside() {
        return temp.resolve("outside");
    }

    private void seedOutside() {
        try {
            byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
            Files.write(temp.resolve("secret.txt"), canary);
            Files.write(server.dataDir().resolve("secret.txt"), canary);
            Files.createDirectories(outside());
            Files.write(outside().resolve("canary.txt"), canary);
            Path sibling = server.home("alice2");
            Files.write(sibling.resolve("secret.txt"), canary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts alice's home back to the known layout (links in it are removed, never followed). */
    void resetHome() {
        Path home = home();
        try {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (!dir.equals(home)) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.write(home.resolve("secret.txt"), INSIDE_SECRET);
            Files.write(home.resolve("victim.txt"), VICTIM);
            Files.write(home.resolve("keep.txt"), "keep\n".getBytes(StandardCharsets.UTF_8));
            Files.createDirectories(home.resolve("sub"));
            Files.write(home.resolve("sub/file.txt"), SUB_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything in the temp dir except alice's home and the user database. */
    Map<String, String> outsideSnapshot() {
        Path home = home();
        Path dataDir = server.dataDir();
        return FsSnapshot.of(temp,
                p -> p.equals(home) || p.getFileName() != null && p.getFileName().toString().startsWith("users.db"),
                p -> p.equals(dataDir));
    }

    Map<String, String> homeSnapshot() {
        return FsSnapshot.of(home());
    }

    /** Texts no reply may contain: host paths, Java internals, the canary. */
    List<String> forbiddenInReplies() {
        List<String> out = new ArrayList<>(List.of(CANARY, "Exception", "java.", "\tat ", temp.toString(),
                server.dataDir().toString()));
        try {
            out.add(temp.toRealPath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    void assertNoLeak(String context, List<RawReply> replies) {
        for (RawReply reply : replies) {
            for (String bad : forbiddenInReplies()) {
                assertThat(reply.all()).as("%s: reply must not contain %s", context, bad).doesNotContain(bad);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- driving commands -------------------------------------------------------------------

    /** One command and everything it produced: its replies (preliminary and final) and data. */
    record Exchange(String line, List<RawReply> replies, byte[] data) {
        int code() {
            return replies.getLast().code();
        }

        RawReply last() {
            return replies.getLast();
        }

        String dataText() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends a command; for the verbs that use a data connection a PASV connection is opened
     * first, then the download is read or {@code upload} is sent once the server says 150.
     */
    static Exchange run(RawFtpClient client, String line, byte[] upload) {
        String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        if (!DATA_VERBS.contains(verb)) {
            return new Exchange(line, List.of(client.command(line)), new byte[0]);
        }
        Socket data = client.passive();
        List<RawReply> replies = new ArrayList<>();
        RawReply first = client.command(line);
        replies.add(first);
        byte[] received = new byte[0];
        try (data) {
            if (first.code() == 150 || first.code() == 125) {
                if (upload != null && (verb.equals("STOR") || verb.equals("APPE") || verb.equals("STOU"))) {
                    try (OutputStream out = data.getOutputStream()) {
                        out.write(upload);
                    }
                } else {
                    try (InputStream in = data.getInputStream()) {
                        received = in.readAllBytes();
                    }
                }
                replies.add(client.read());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exchange(line, replies, received);
    }

    static Exchange run(RawFtpClient client, String line) {
        return run(client, line, "x\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A raw session logged in as alice, binary type. */
    RawFtpClient alice() {
        RawFtpClient c = server.raw();
        c.login();
        assertThat(c.command("TYPE I").code()).isEqualTo(200);
        return c;
    }
}
