package dev.ferry.server;

import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import dev.ferry.session.SessionSlot;
import dev.ferry.session.SessionServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts control connections on one address and starts a virtual thread per session. On an
 * implicit-FTPS address every session starts with the TLS handshake. Refused
 * connections (limits) get their 421 from a short-lived virtual thread so a slow client cannot
 * stall the accept loop. Each connection gets the server's services as they are when it is
 * accepted, and keeps them: a reload changes what later connections get, never a running session.
 */
final class Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    /** Large enough for login bursts (hundreds of clients connecting at once). */
    private static final int BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final InetSocketAddress bound;
    private final SessionRegistry registry;
    private final Supplier<SessionServices> services;
    private final boolean implicitTls;
    private Thread thread;

    /** Binds {@code address}; {@link #start} begins accepting. */
    Listener(InetSocketAddress address, SessionRegistry registry, Supplier<SessionServices> services)
            throws IOException {
        this(address, registry, services, false);
    }

    /** Binds {@code address}, for implicit FTPS when {@code implicitTls}; {@link #start} begins accepting. */
    Listener(InetSocketAddress address, SessionRegistry registry, Supplier<SessionServices> services,
             boolean implicitTls) throws IOException {
        this.implicitTls = implicitTls;
        this.channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + address.getAddress().getHostAddress() + " port "
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        this.bound = (InetSocketAddress) channel.getLocalAddress();
        this.registry = registry;
        this.services = services;
    }

    InetSocketAddress address() {
        return bound;
    }

    boolean implicitTls() {
        return implicitTls;
    }

    void start() {
        thread = Thread.ofPlatform().name("ftp-accept-" + bound.getPort()).daemon(false).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            SocketChannel socket;
            try {
                socket = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accept failed on {}: {}", bound, e.toString());
                continue;
            }
            Thread.ofVirtual().start(() -> begin(socket));
        }
    }

    private void begin(SocketChannel socket) {
        InetAddress client;
        InetSocketAddress local;
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // RFC 959 §4.1.3: ABOR comes after Telnet IP and Synch, and the Synch's IAC is sent as
            // TCP urgent data (BSD-derived clients: send(IAC IP IAC, MSG_OOB), DM, "ABOR"). With
            // urgent data out of line the stack drops that IAC and the line reads IP DM "ABOR",
            // which is no command; inline, ControlChannel strips both Telnet commands (as vsftpd).
            socket.socket().setOOBInline(true);
            client = ((InetSocketAddress) socket.getRemoteAddress()).getAddress();
            local = (InetSocketAddress) socket.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        SessionServices current = services.get();
        SessionSlot slot;
        switch (registry.admit(client, current.config().serverFor(local), current.config().maxInstances())) {
            case Admission.Admitted(SessionSlot admitted) -> slot = admitted;
            case Admission.Refused(String message) -> {
                LOG.info("refused connection from {}: {}", client.getHostAddress(), message);
                refuse(socket, message);
                return;
            }
        }
        Session session;
        try {
            Session[] self = new Session[1];
            session = new Session(current, socket, slot, () -> registry.unregister(self[0]), implicitTls);
            self[0] = session;
        } catch (IOException e) {
            slot.release();
            closeQuietly(socket);
            return;
        }
        if (!registry.register(session)) {
            refuse(socket, "Server shutting down");
            slot.release();
            return;
        }
        Thread.currentThread().setName("ftp-session-" + session.id());
        session.run();
    }

    private void refuse(SocketChannel socket, String message) {
        if (implicitTls) { // a client expecting a TLS handshake cannot read a clear 421
            closeQuietly(socket);
            return;
        }
        try (socket) {
            socket.write(ByteBuffer.wrap(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, message).encode()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ignored) {
            // the client left first
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Stops accepting. Sessions accepted here run on their own threads with their own sockets,
     * so they carry on until they end by themselves.
     */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing listener: {}", e.toString());
        }
    }

    void join() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }
}
