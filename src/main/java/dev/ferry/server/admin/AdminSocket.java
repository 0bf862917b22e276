package dev.ferry.server.admin;

import dev.ferry.config.DataDirectory;
import dev.ferry.log.LogText;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's local control socket, {@code DATA-DIR/ferry.sock}, which
 * {@code ferry reload} talks to ({@link AdminProtocol}). It is a Unix-domain socket of mode
 * 0600: only the account that runs the server (and root) can connect, so whoever connects may
 * do whatever its commands do; there is no further authentication. The socket is bound inside
 * a fresh directory of mode 0700 and made 0600 before it is moved to its place, so no umask
 * ever leaves a moment in which another account could connect. Each connection is served on
 * its own virtual thread.
 */
public final class AdminSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSocket.class);
    /** The socket's name inside the data directory. */
    public static final String FILE_NAME = "ferry.sock";
    /** How long a client may take to send its command. */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

    private final Path path;
    private final ServerSocketChannel channel;
    private final Map<String, AdminCommand> commands;
    private final Thread acceptor;

    private AdminSocket(Path path, ServerSocketChannel channel, Map<String, AdminCommand> commands) {
        this.path = path;
        this.channel = channel;
        this.commands = Map.copyOf(commands);
        this.acceptor = Thread.ofVirtual().name("ferry-admin").unstarted(this::acceptLoop);
    }

    /** Where the server of {@code data} listens for admin commands. */
    public static Path pathIn(DataDirectory data) {
        return data.root().resolve(FILE_NAME);
    }

    /**
     * Creates the socket at {@code path} and starts serving {@code commands} on it. A socket
     * file left behind by a server that is gone is replaced; one that a running server answers
     * on is not, nor anything at {@code path} that is not a socket.
     *
     * @throws IOException if another server answers there, the path is taken, or the socket
     *                     cannot be created
     */
    public static AdminSocket open(Path path, Map<String, AdminCommand> commands) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        removeStale(target);
        Path privateDir = Files.createTempDirectory(target.getParent(), ".ferry",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temporary = privateDir.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary));
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw new IOException("cannot create the admin socket " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(privateDir);
        }
        AdminSocket socket = new AdminSocket(target, channel, commands);
        socket.acceptor.start();
        return socket;
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException(path + " exists and is not a socket; move it away");
        }
        if (answers(path)) {
            throw new IOException("another Ferry server is running with this data directory (it answers on "
                    + path + ")");
        }
        LOG.info("removing {}, left behind by a server that is no longer running", path);
        Files.deleteIfExists(path);
    }

    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException nobody) {
            return false;
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("admin socket: accept failed: {}", e.toString());
                continue;
            }
            Thread.ofVirtual().name("ferry-admin-client").start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (LineChannel lines = new LineChannel(client)) {
            lines.closeAfter(COMMAND_LIMIT);
            String command;
            try {
                command = lines.readLine(AdminProtocol.MAX_COMMAND_BYTES);
            } catch (LineChannel.LineTooLongException e) {
                lines.write(AdminProtocol.encode(new AdminAnswer.Failed(List.of("command too long"))));
                return;
            }
            lines.disarm();
            if (command == null) {
                return; // a probe: someone checked whether a server answers here
            }
            String name = command.strip();
            AdminCommand handler = commands.get(name);
            LOG.info("admin socket: {} from {}", LogText.escape(name), peer(client));
            AdminAnswer answer = handler == null
                    ? new AdminAnswer.Failed(List.of("unknown command"))
                    : handler.run();
            lines.write(AdminProtocol.encode(answer));
        } catch (IOException e) {
            LOG.debug("admin socket: connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("admin socket: command failed", e);
        }
    }

    /** The connecting account, for the log. */
    private static String peer(SocketChannel client) {
        try {
            UnixDomainPrincipal who = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return "user " + who.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "an unknown user";
        }
    }

    /** Stops answering and removes the socket file. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the admin socket: {}", e.toString());
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", path, e.toString());
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
