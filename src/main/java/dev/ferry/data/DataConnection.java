package dev.ferry.data;

import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.tls.HandshakeFailure;
import dev.ferry.tls.SessionLink;
import dev.ferry.tls.TlsChannel;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open data connection (RFC 959 §3.2), used for one transfer and then closed: in the clear,
 * or, after {@link #protect}, through TLS (RFC 4217 §9, PROT P).
 */
public final class DataConnection implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataConnection.class);

    private final SocketChannel socket;
    /** Null in the clear. */
    private final TlsChannel tls;
    private volatile boolean corked;

    DataConnection(SocketChannel socket) {
        this(socket, null);
    }

    private DataConnection(SocketChannel socket, TlsChannel tls) {
        this.socket = socket;
        this.tls = tls;
    }

    /**
     * The same connection through TLS. The server is the TLS server whichever side opened the
     * TCP connection, also in active mode (RFC 4217 §9). When the policy requires it, the
     * client must have resumed the control connection's session (RFC 4217 §10.2).
     *
     * @throws DataConnectionRefused with the 522 to send, when the handshake fails or the
     *                               session was not resumed
     */
    public DataConnection protect(DataProtection protection) throws IOException {
        long start = System.currentTimeMillis();
        TlsChannel secured;
        try {
            secured = TlsChannel.accept(socket, protection.context().serverEngine(), false);
        } catch (IOException e) {
            if (!socket.isOpen()) {
                throw e; // closed under us: an abort, not a failed negotiation
            }
            LOG.info("TLS handshake on the data connection failed: {}", HandshakeFailure.describe(e));
            throw new DataConnectionRefused(Reply.of(ReplyCode.DATA_TLS_FAILED,
                    "TLS negotiation on the data connection failed"), e);
        }
        if (protection.sessionReuseRequired()
                && !SessionLink.resumes(secured.session(), protection.controlSession(), start)) {
            LOG.warn("refused data connection: its TLS session ({}) does not resume the control connection's",
                    SessionLink.describe(secured.session(), socket.socket().getInetAddress()));
            secured.close();
            throw new DataConnectionRefused(Reply.of(ReplyCode.DATA_TLS_FAILED, "TLS session of data connection "
                    + "not resumed: the client must reuse its control connection's TLS session (session reuse "
                    + "is required)"), null);
        }
        LOG.debug("data connection protected: {} {}", secured.session().getProtocol(),
                secured.session().getCipherSuite());
        return new DataConnection(socket, secured);
    }

    /**
     * Asks the kernel to send only full segments until {@link #finishOutput} (see
     * {@link TcpCork}); for a connection that carries a file or a listing, not a conversation.
     */
    public void cork() {
        if (!corked) {
            corked = TcpCork.apply(socket);
        }
    }

    /** Before waiting for room in the socket buffer: sends what the cork holds back. */
    void pushCorked() {
        if (corked) {
            TcpCork.push(socket);
        }
    }

    /** The raw TCP connection. */
    public SocketChannel socket() {
        return socket;
    }

    public boolean isProtected() {
        return tls != null;
    }

    /** The TLS layer of a protected connection. */
    public Optional<TlsChannel> tls() {
        return Optional.ofNullable(tls);
    }

    /** Where the transfer's bytes go and come from: the TLS layer, or the socket in the clear. */
    public ByteChannel channel() {
        return tls != null ? tls : socket;
    }

    /**
     * Ends what the server sends: close_notify first under TLS, so that the client can tell the
     * end of the file from a cut connection; then the TCP half-close.
     */
    public void finishOutput() throws IOException {
        if (tls != null) {
            tls.closeOutbound();
        }
        socket.shutdownOutput();
    }

    public InetSocketAddress remote() throws IOException {
        return (InetSocketAddress) socket.getRemoteAddress();
    }

    @Override
    public void close() throws IOException {
        if (tls != null) {
            tls.close();
        } else {
            socket.close();
        }
    }
}
