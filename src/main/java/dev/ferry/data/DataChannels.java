package dev.ferry.data;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's data-connection set-up: the only code that opens data sockets. PASV/EPSV leave
 * a listener here, PORT/EPRT a target; the next transfer consumes it (RFC 959 §3.2).
 *
 * <p>Theft and bounce protection (RFC 2577): a passive connection from an address other than the
 * control connection's is closed and logged, and the listener keeps waiting for the real client,
 * unless this session may use FXP.
 */
public final class DataChannels implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataChannels.class);

    private final PassivePortPool pool;
    private final InetAddress controlLocal;
    private final InetAddress controlRemote;
    private final Duration connectTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean foreignAllowed;
    private ServerSocketChannel listener;
    private InetSocketAddress activeTarget;

    public DataChannels(PassivePortPool pool, InetAddress controlLocal, InetAddress controlRemote, Duration connectTimeout) {
        this.pool = pool;
        this.controlLocal = controlLocal;
        this.controlRemote = controlRemote;
        this.connectTimeout = connectTimeout;
    }

    /** Whether this session may connect to, and accept from, other hosts (FXP). */
    public void allowForeign(boolean allowed) {
        this.foreignAllowed = allowed;
    }

    public boolean foreignAllowed() {
        return foreignAllowed;
    }

    public InetAddress controlRemote() {
        return controlRemote;
    }

    /** Opens a passive listener (replacing any earlier set-up) and returns its port. */
    public int openPassive() throws IOException {
        lock.lock();
        try {
            reset();
            listener = pool.bind(controlLocal);
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } finally {
            lock.unlock();
        }
    }

    public void setActive(InetSocketAddress target) {
        lock.lock();
        try {
            reset();
            activeTarget = target;
        } finally {
            lock.unlock();
        }
    }

    public boolean isReady() {
        lock.lock();
        try {
            return listener != null || activeTarget != null;
        } finally {
            lock.unlock();
        }
    }

    public String describe() {
        lock.lock();
        try {
            if (listener != null) {
                return "passive, listening";
            }
            return activeTarget != null ? "active, to " + activeTarget.getAddress().getHostAddress() + " port "
                    + activeTarget.getPort() : "none";
        } finally {
            lock.unlock();
        }
    }

    /** Opens the data connection the last PASV/PORT prepared, and forgets that set-up. */
    public DataConnection connect() throws IOException {
        ServerSocketChannel passive;
        InetSocketAddress target;
        lock.lock();
        try {
            passive = listener;
            target = activeTarget;
            activeTarget = null;
        } finally {
            lock.unlock();
        }
        if (passive != null) {
            try {
                return accept(passive);
            } finally {
                retire(passive);
            }
        }
        if (target != null) {
            return connectTo(target);
        }
        throw new IOException("no data connection was set up (use PASV or PORT first)");
    }

    /**
     * The passive data connection if the client has already made it, taken without waiting and
     * with the set-up consumed. Empty, with the set-up left as it was, when nothing is waiting
     * yet, in active mode (connecting could wait), or when what is waiting comes from another
     * host: then {@link #connect} deals with it, the refusal logged, while it waits for the client.
     */
    public Optional<DataConnection> connectIfWaiting() throws IOException {
        ServerSocketChannel passive;
        lock.lock();
        try {
            passive = listener;
        } finally {
            lock.unlock();
        }
        if (passive == null) {
            return Optional.empty();
        }
        SocketChannel channel;
        passive.configureBlocking(false);
        try {
            channel = passive.accept();
            if (channel == null) {
                return Optional.empty();
            }
            if (!admits(channel, ((InetSocketAddress) channel.getRemoteAddress()).getAddress())) {
                return Optional.empty();
            }
        } finally {
            passive.configureBlocking(true);
        }
        retire(passive);
        tune(channel);
        return Optional.of(new DataConnection(channel));
    }

    /** Ends a passive set-up that has been used: it is forgotten (unless replaced meanwhile) and closed. */
    private void retire(ServerSocketChannel passive) throws IOException {
        lock.lock();
        try {
            if (listener == passive) {
                listener = null;
            }
        } finally {
            lock.unlock();
        }
        passive.close();
    }

    private DataConnection accept(ServerSocketChannel passive) throws IOException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (true) {
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() >= deadline) {
                throw new SocketTimeoutException("no data connection within " + connectTimeout.toSeconds() + " s");
            }
            passive.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            Socket socket = passive.socket().accept();
            SocketChannel channel = socket.getChannel();
            if (admits(channel, socket.getInetAddress())) {
                tune(channel);
                return new DataConnection(channel);
            }
        }
    }

    /**
     * Whether a passive connection from {@code peer} is this session's: from the control
     * connection's host, or anywhere with FXP allowed. Another host's is logged and closed.
     */
    private boolean admits(SocketChannel channel, InetAddress peer) throws IOException {
        if (foreignAllowed || sameHost(peer, controlRemote)) {
            return true;
        }
        LOG.warn("refused passive data connection from {} (control connection is from {})",
                peer.getHostAddress(), controlRemote.getHostAddress());
        channel.close();
        return false;
    }

    private DataConnection connectTo(InetSocketAddress target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(controlLocal, 0));
            channel.socket().connect(target, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            tune(channel);
            return new DataConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static void tune(SocketChannel channel) throws IOException {
        channel.configureBlocking(true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    /** IPv4-mapped IPv6 and plain IPv4 forms of one address are the same host. */
    public static boolean sameHost(InetAddress a, InetAddress b) {
        return java.util.Arrays.equals(normalise(a), normalise(b));
    }

    private static byte[] normalise(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= raw[i] == 0;
            }
            mapped &= raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
            if (mapped) {
                return java.util.Arrays.copyOfRange(raw, 12, 16);
            }
        }
        return raw;
    }

    /** Forgets any set-up, closing a pending listener (also unblocks a waiting accept). */
    public void reset() {
        lock.lock();
        try {
            if (listener != null) {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // nothing useful to do; the port is released either way
                }
                listener = null;
            }
            activeTarget = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        reset();
    }
}
