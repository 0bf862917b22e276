package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers for the transfer and limit tests: payloads, and data connections set up by hand for
 * the {@link RawFtpClient} in all four modes (PASV, EPSV, PORT, EPRT), so that tests see every
 * reply and control exactly when data moves.
 */
public final class TransferSupport {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final int TIMEOUT_MILLIS = 20_000;

    private TransferSupport() {
    }

    /** Reproducible pseudo-random bytes. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A sparse file of zeros: large downloads without writing them to disk. */
    public static Path sparseFile(Path path, long size) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /** Host and port of a 227 reply. */
    public static InetSocketAddress parsePasv(RawReply reply) {
        Matcher m = PASV.matcher(reply.text());
        if (reply.code() != 227 || !m.find()) {
            throw new IllegalStateException("PASV: " + reply);
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Port of a 229 reply. */
    public static int parseEpsv(RawReply reply) {
        Matcher m = EPSV.matcher(reply.text());
        if (reply.code() != 229 || !m.find()) {
            throw new IllegalStateException("EPSV: " + reply);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * PASV, then a connection with a small receive buffer (set before connecting, so the window
     * stays small and the server blocks soon when the test stops reading).
     */
    public static Socket passiveSmallWindow(RawFtpClient ftp) {
        InetSocketAddress target = parsePasv(ftp.command("PASV"));
        try {
            Socket s = new Socket();
            s.setReceiveBufferSize(8192);
            s.connect(new InetSocketAddress(target.getHostString(), target.getPort()), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly {@code n} bytes. */
    public static byte[] readExactly(Socket data, int n) {
        try {
            return data.getInputStream().readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the peer closes, a reset, or {@code timeout}; returns the count. Used to check
     * that the server really closed a data connection it aborted.
     */
    public static long drain(Socket data, Duration timeout) {
        long total = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[64 << 10];
        try {
            data.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            InputStream in = data.getInputStream();
            while (System.nanoTime() < deadline) {
                int n = in.read(buffer);
                if (n < 0) {
                    return total;
                }
                total += n;
            }
            throw new AssertionError("data connection still open after " + timeout + " (" + total + " bytes read)");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("data connection still open after " + timeout + " (" + total + " bytes read)", e);
        } catch (IOException e) {
            return total; // reset by the server: closed as well
        }
    }

    /** Polls until the condition holds or the time is up. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** How a raw client sets up its data connection. */
    public enum RawMode {
        PASV, EPSV, PORT, EPRT;

        /** Sends the set-up command (asserting its reply) and returns the pending data link. */
        public DataLink prepare(RawFtpClient ftp) {
            try {
                return switch (this) {
                    case PASV -> {
                        InetSocketAddress target = parsePasv(ftp.command("PASV"));
                        yield DataLink.connected(new InetSocketAddress(target.getHostString(), target.getPort()));
                    }
                    case EPSV -> {
                        int port = parseEpsv(ftp.command("EPSV"));
                        yield DataLink.connected(new InetSocketAddress(controlPeer(ftp), port));
                    }
                    case PORT -> {
                        ServerSocket listener = listen(ftp.localAddress());
                        byte[] a = ftp.localAddress().getAddress();
                        int p = listener.getLocalPort();
                        RawReply reply = ftp.command(String.format("PORT %d,%d,%d,%d,%d,%d", a[0] & 0xff, a[1] & 0xff,
                                a[2] & 0xff, a[3] & 0xff, p >> 8, p & 0xff));
                        yield DataLink.listening(listener, reply);
                    }
                    case EPRT -> {
                        InetAddress local = ftp.localAddress();
                        ServerSocket listener = listen(local);
                        String family = local instanceof Inet6Address ? "2" : "1";
                        RawReply reply = ftp.command("EPRT |" + family + "|" + local.getHostAddress() + "|"
                                + listener.getLocalPort() + "|");
                        yield DataLink.listening(listener, reply);
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static InetAddress controlPeer(RawFtpClient ftp) {
            // the server listens on the address we reached it on; ours is the same loopback host
            return ftp.localAddress();
        }

        private static ServerSocket listen(InetAddress local) throws IOException {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(local, 0), 1);
            listener.setSoTimeout(TIMEOUT_MILLIS);
            return listener;
        }
    }

    /** A data connection in the making: already connected (passive) or to be accepted (active). */
    public static final class DataLink implements AutoCloseable {
        private final Socket connected;
        private final ServerSocket listener;
        private Socket accepted;

        private DataLink(Socket connected, ServerSocket listener) {
            this.connected = connected;
            this.listener = listener;
        }

        static DataLink connected(InetSocketAddress target) throws IOException {
            Socket s = new Socket();
            s.connect(target, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return new DataLink(s, null);
        }

        static DataLink listening(ServerSocket listener, RawReply reply) throws IOException {
            if (reply.code() != 200) {
                listener.close();
                throw new IllegalStateException("active set-up refused: " + reply);
            }
            return new DataLink(null, listener);
        }

        /** The data socket; for active modes, waits for the server's connection. */
        public Socket socket() {
            if (connected != null) {
                return connected;
            }
            if (accepted == null) {
                try {
                    accepted = listener.accept();
                    accepted.setSoTimeout(TIMEOUT_MILLIS);
                    listener.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return accepted;
        }

        @Override
        public void close() {
            try {
                if (connected != null) {
                    connected.close();
                }
                if (accepted != null) {
                    accepted.close();
                }
                if (listener != null) {
                    listener.close();
                }
            } catch (IOException ignored) {
                // test clean-up
            }
        }
    }

    /** RETR over a fresh data link; asserts 150 then 226 and returns the bytes. */
    public static byte[] retrieve(RawFtpClient ftp, RawMode mode, String name) {
        try (DataLink link = mode.prepare(ftp)) {
            RawReply opening = ftp.command("RETR " + name);
            assertThat(opening.code()).as("RETR preliminary reply: %s", opening).isEqualTo(150);
            byte[] data = readAll(link.socket());
            RawReply done = ftp.read();
            assertThat(done.code()).as("RETR final reply: %s", done).isEqualTo(226);
            return data;
        }
    }

    /** A STOR-like command (STOR, APPE, STOU) over a fresh data link; asserts 150 then 226. */
    public static RawReply upload(RawFtpClient ftp, RawMode mode, String command, byte[] data) {
        try (DataLink link = mode.prepare(ftp)) {
            RawReply opening = ftp.command(command);
            assertThat(opening.code()).as("%s preliminary reply: %s", command, opening).isEqualTo(150);
            Socket socket = link.socket();
            try (OutputStream out = socket.getOutputStream()) {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RawReply done = ftp.read();
            assertThat(done.code()).as("%s final reply: %s", command, done).isEqualTo(226);
            return opening;
        }
    }

    private static byte[] readAll(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
