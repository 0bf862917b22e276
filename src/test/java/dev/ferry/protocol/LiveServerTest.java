package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One real server per test class (starting one costs a password hash and a database), with
 * alice's home emptied before every test and every client a test opened closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveServerTest {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Path temp;
    TestServer server;

    @BeforeAll
    void startServer() throws IOException {
        temp = Files.createTempDirectory("ferry-protocol-");
        server = TestServer.start(temp);
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        deleteTree(temp, true);
    }

    @BeforeEach
    void emptyHome() throws IOException {
        deleteTree(server.home(), false);
    }

    @AfterEach
    void closeClients() {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the server may have closed it already
            }
        }
        opened.clear();
    }

    /** alice's root on the host. */
    Path home() {
        return server.home();
    }

    /** A raw client, connected, banner read, not logged in. */
    RawFtpClient raw() {
        RawFtpClient c = server.raw();
        opened.add(c);
        return c;
    }

    /** A raw client logged in as alice. */
    RawFtpClient loggedIn() {
        RawFtpClient c = raw();
        c.login();
        return c;
    }

    /** A Commons Net client logged in as alice (binary, passive). */
    FTPClient ftp() {
        FTPClient c = server.login();
        opened.add(() -> {
            if (c.isConnected()) {
                c.disconnect();
            }
        });
        return c;
    }

    Path file(String relative, String content) {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    Path file(String relative, byte[] content) {
        try {
            Path p = home().resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir(String relative) {
        try {
            return Files.createDirectories(home().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends PASV, connects, sends {@code command} and, when the server answers 150, reads the
     * whole data stream and the final reply.
     */
    static DataExchange download(RawFtpClient c, String command) {
        Socket data = c.passive();
        RawReply first = c.command(command);
        if (first.code() != 150 && first.code() != 125) {
            closeQuietly(data);
            return new DataExchange(first, null, null);
        }
        byte[] bytes = RawFtpClient.readAll(data);
        return new DataExchange(first, bytes, c.read());
    }

    /** Sends PASV, connects, sends {@code command} and, after a 150, sends {@code payload} and closes. */
    static DataExchange upload(RawFtpClient c, String command, byte[] payload) {
        Socket data = c.passive();
        RawReply first = c.command(command);
        if (first.code() != 150 && first.code() != 125) {
            closeQuietly(data);
            return new DataExchange(first, null, null);
        }
        try (data; OutputStream out = data.getOutputStream()) {
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DataExchange(first, payload, c.read());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * The replies and data of one transfer command.
     *
     * @param first the 150, or the refusal
     * @param data  what went over the data connection (null when refused)
     * @param last  the final reply (null when refused)
     */
    record DataExchange(RawReply first, byte[] data, RawReply last) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        /** The data split into CRLF-terminated lines (asserting CRLF everywhere). */
        List<String> lines() {
            String t = text();
            if (t.isEmpty()) {
                return List.of();
            }
            assertThat(t).endsWith("\r\n");
            List<String> out = Arrays.asList(t.substring(0, t.length() - 2).split("\r\n", -1));
            assertThat(out).noneMatch(l -> l.contains("\n") || l.contains("\r"));
            return out;
        }

        /** Asserts a complete transfer: 150 then 226. */
        DataExchange succeeded() {
            assertThat(first.code()).as("preliminary reply: %s", first).isEqualTo(150);
            assertThat(last).as("final reply").isNotNull();
            assertThat(last.code()).as("final reply: %s", last).isEqualTo(226);
            return this;
        }
    }

    private static void deleteTree(Path root, boolean includingRoot) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (includingRoot || !d.equals(root)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
