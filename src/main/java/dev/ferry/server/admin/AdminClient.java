package dev.ferry.server.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends one command to a running server's admin socket and reads the answer ({@link AdminProtocol}). */
public final class AdminClient {
    /** A reload reads files and binds sockets; far longer than that means the server is stuck. */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    private AdminClient() {
    }

    /**
     * @throws ServerNotRunningException if nothing answers on {@code socket}
     * @throws IOException               if the answer is cut short or malformed
     */
    public static AdminAnswer ask(Path socket, String command) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new ServerNotRunningException(socket, e);
        }
        try (LineChannel lines = new LineChannel(channel)) {
            lines.closeAfter(ANSWER_LIMIT);
            lines.write(command + "\n");
            List<String> answer = new ArrayList<>();
            while (true) {
                String line = lines.readLine(AdminProtocol.MAX_ANSWER_LINE_BYTES);
                if (line == null) {
                    throw new IOException("the server closed the connection before it answered in full");
                }
                if (line.equals(AdminProtocol.END)) {
                    lines.disarm();
                    return AdminProtocol.decode(answer);
                }
                if (answer.size() == AdminProtocol.MAX_ANSWER_LINES) {
                    throw new IOException("the server's answer is too long");
                }
                answer.add(line);
            }
        }
    }
}
