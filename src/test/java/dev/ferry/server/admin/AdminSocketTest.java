package dev.ferry.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin socket: its file, its line protocol, and what happens to a socket left behind. */
class AdminSocketTest {
    @TempDir
    Path dir;

    private final AtomicInteger reloads = new AtomicInteger();
    private final Map<String, AdminCommand> commands = Map.of("reload", () -> {
        int n = reloads.incrementAndGet();
        return n == 1 ? new AdminAnswer.Done(List.of("reloaded", "note: line\ntwo"))
                : new AdminAnswer.Failed(List.of("f.conf:3: unknown directive X", "f.conf:9: bad"));
    });

    private Path socketPath() {
        return dir.resolve("ferry.sock");
    }

    /** Sends raw bytes and reads everything the server sends back until it closes. */
    private String exchange(byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socketPath()));
            channel.write(ByteBuffer.wrap(request));
            return readAll(channel);
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder out = new StringBuilder();
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            out.append(StandardCharsets.UTF_8.decode(buffer));
            buffer.clear();
        }
        return out.toString();
    }

    @Test
    void theSocketIsOnlyForItsOwnerAndGoesAwayWithTheServer() throws IOException {
        AdminSocket socket = AdminSocket.open(socketPath(), commands);
        assertThat(socket.path()).isEqualTo(socketPath());
        assertThat(Files.getPosixFilePermissions(socketPath(), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // nothing of the private directory it was created in is left behind
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(socketPath());
        }
        socket.close();
        assertThat(socketPath()).doesNotExist();
    }

    @Test
    void answersAreOkOrErrorLinesThenEnd() throws IOException {
        try (AdminSocket ignored = AdminSocket.open(socketPath(), commands)) {
            assertThat(exchange("reload\n".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo("ok reloaded\nok note: line two\nend\n");
            assertThat(exchange("reload\r\n".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo("error f.conf:3: unknown directive X\nerror f.conf:9: bad\nend\n");
            assertThat(exchange("who\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("error unknown command\nend\n");
            byte[] overlong = ("reload" + " ".repeat(AdminProtocol.MAX_COMMAND_BYTES) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(exchange(overlong)).isEqualTo("error command too long\nend\n");
        }
        assertThat(reloads).hasValue(2);
    }

    @Test
    void theClientTellsDoneFromFailed() throws IOException {
        try (AdminSocket ignored = AdminSocket.open(socketPath(), commands)) {
            assertThat(AdminClient.ask(socketPath(), "reload"))
                    .isEqualTo(new AdminAnswer.Done(List.of("reloaded", "note: line two")));
            assertThat(AdminClient.ask(socketPath(), "reload")).isEqualTo(
                    new AdminAnswer.Failed(List.of("f.conf:3: unknown directive X", "f.conf:9: bad")));
            assertThat(AdminClient.ask(socketPath(), "shutdown"))
                    .isEqualTo(new AdminAnswer.Failed(List.of("unknown command")));
        }
    }

    @Test
    void withoutAServerTheClientSaysNobodyAnswers() throws IOException {
        assertThatThrownBy(() -> AdminClient.ask(socketPath(), "reload"))
                .isInstanceOfSatisfying(ServerNotRunningException.class,
                        e -> assertThat(e.socket()).isEqualTo(socketPath()))
                .hasMessageStartingWith("nothing answers on " + socketPath() + " (");
        // a socket file whose server is gone
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socketPath()));
        gone.close();
        assertThat(socketPath()).exists();
        assertThatThrownBy(() -> AdminClient.ask(socketPath(), "reload"))
                .isInstanceOf(ServerNotRunningException.class);
    }

    @Test
    void aSocketLeftBehindIsReplaced() throws IOException {
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socketPath()));
        gone.close();
        try (AdminSocket ignored = AdminSocket.open(socketPath(), commands)) {
            assertThat(AdminClient.ask(socketPath(), "reload")).isInstanceOf(AdminAnswer.Done.class);
        }
    }

    @Test
    void aSocketARunningServerAnswersOnIsLeftAlone() throws IOException {
        try (AdminSocket running = AdminSocket.open(socketPath(), commands)) {
            assertThatThrownBy(() -> AdminSocket.open(socketPath(), commands)).isInstanceOf(IOException.class)
                    .hasMessage("another Ferry server is running with this data directory (it answers on "
                            + socketPath() + ")");
            assertThat(AdminClient.ask(socketPath(), "reload")).isInstanceOf(AdminAnswer.Done.class);
        }
    }

    @Test
    void aFileThatIsNotASocketIsNeverRemoved() throws IOException {
        Files.writeString(socketPath(), "precious");
        assertThatThrownBy(() -> AdminSocket.open(socketPath(), commands)).isInstanceOf(IOException.class)
                .hasMessage(socketPath() + " exists and is not a socket; move it away");
        assertThat(socketPath()).hasContent("precious");
    }
}
