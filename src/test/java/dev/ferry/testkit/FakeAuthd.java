package dev.ferry.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for pure-authd on a Unix socket: reads each request up to its "end" line and writes
 * what {@code answer} makes of it (a blank answer: none, the connection is held open).
 */
public final class FakeAuthd implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    /** Every request received, as text. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public FakeAuthd(Path socket, Function<String, String> answer) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel client = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(8192);
                    String text = "";
                    while (!text.contains("end\n") && client.read(in) > 0) {
                        text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    }
                    requests.add(text);
                    String reply = answer.apply(text);
                    if (reply.isBlank()) {
                        Thread.sleep(5_000); // a daemon that never answers
                        continue;
                    }
                    ByteBuffer out = StandardCharsets.UTF_8.encode(reply);
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
    }

    public Path socket() {
        return socket;
    }

    /** The value of {@code key} in a request's text, or null. */
    public static String field(String request, String key) {
        for (String line : request.split("\n")) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        Files.deleteIfExists(socket);
    }
}
