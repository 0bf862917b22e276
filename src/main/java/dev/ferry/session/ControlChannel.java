package dev.ferry.session;

import dev.ferry.reply.Reply;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control connection: reads command lines and writes replies, and nothing else does either.
 *
 * <p>Reading (RFC 959 §4.1, RFC 854): a line ends at LF, a CR before it is dropped, so bare-LF
 * clients work. Telnet IAC sequences are removed ({@code IAC IAC} is a literal 0xFF). Lines are
 * decoded as UTF-8 (RFC 2640), falling back to ISO-8859-1 for clients that send legacy bytes.
 * A line longer than the cap is discarded up to its end and reported as {@link LineTooLongException}.
 *
 * <p>Writing happens from the control thread and from transfer threads, so it is serialised with
 * a lock; each reply goes out in one write so replies never interleave.
 *
 * <p>The channel underneath starts as the socket and may be swapped for a TLS layer over it
 * ({@link #upgrade}, AUTH TLS) and back ({@link #downgrade}, CCC). The swap happens under the
 * write lock, so no reply goes out half in one and half in the other.
 */
public final class ControlChannel implements Closeable {
    private static final int IAC = 0xFF;
    private static final int WILL = 251;
    private static final int DONT = 254;

    /** The socket: what the connection falls back to after CCC. */
    private final ByteChannel clear;
    /** Written under writeLock; read by the control thread and by writers holding the lock. */
    private volatile ByteChannel channel;
    private final int maxLine;
    /** Owned by the control thread. */
    private ByteBuffer in = ByteBuffer.allocate(8192).flip();
    private final ReentrantLock writeLock = new ReentrantLock();
    private byte[] line;
    private int length;
    private boolean overflow;
    /** 0: data; 1: after IAC; 2: after IAC WILL/WONT/DO/DONT, the option byte is next. */
    private int telnetState;

    public ControlChannel(ByteChannel channel, int maxLine) {
        this.clear = channel;
        this.channel = channel;
        this.maxLine = maxLine;
        this.line = new byte[256];
    }

    /**
     * The next command line without its terminator, or null when the client has closed.
     *
     * @throws LineTooLongException when a line exceeded the cap (the line has been consumed)
     */
    public String readLine() throws IOException {
        while (true) {
            while (in.hasRemaining()) {
                int b = in.get() & 0xFF;
                switch (telnetState) {
                    case 1 -> {
                        telnetState = (b >= WILL && b <= DONT) ? 2 : 0;
                        if (b == IAC) {
                            append(b);
                        }
                        continue;
                    }
                    case 2 -> {
                        telnetState = 0;
                        continue;
                    }
                    default -> {
                    }
                }
                if (b == IAC) {
                    telnetState = 1;
                } else if (b == '\n') {
                    return finishLine();
                } else {
                    append(b);
                }
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
        }
    }

    /**
     * Drops anything the client sent after the last line read. Used after AUTH TLS so that
     * commands pipelined in the plaintext stream are never executed after the handshake.
     */
    public int discardBuffered() {
        int dropped = in.remaining() + length;
        in.position(in.limit());
        length = 0;
        overflow = false;
        telnetState = 0;
        return dropped;
    }

    /** Opens the channel that replaces the current one (a TLS handshake). */
    @FunctionalInterface
    public interface Upgrade {
        ByteChannel open() throws IOException;
    }

    /**
     * Continues through the channel {@code upgrade} opens, after dropping whatever the client
     * sent beyond the last line read: bytes that arrived in the clear must never count as
     * protected commands (CVE-2011-0411 class, STARTTLS command injection). No reply can be
     * written while the new channel is being opened.
     *
     * @return how many bytes were dropped
     */
    public int upgrade(Upgrade upgrade) throws IOException {
        writeLock.lock();
        try {
            int dropped = discardBuffered();
            channel = upgrade.open();
            return dropped;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Continues in the clear on the socket (CCC). {@code pending} is what the client sent that
     * the previous channel received but did not deliver; it is read before anything else.
     */
    public void downgrade(ByteBuffer pending) {
        writeLock.lock();
        try {
            ByteBuffer merged = ByteBuffer.allocate(Math.max(8192, in.remaining() + pending.remaining()));
            merged.put(in).put(pending).flip();
            in = merged;
            channel = clear;
        } finally {
            writeLock.unlock();
        }
    }

    private void append(int b) {
        if (length >= maxLine) {
            overflow = true;
            return;
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine, line.length * 2));
        }
        line[length++] = (byte) b;
    }

    private String finishLine() throws LineTooLongException {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        length = 0;
        if (overflow) {
            overflow = false;
            throw new LineTooLongException(maxLine);
        }
        return decode(line, end);
    }

    private static String decode(byte[] bytes, int len) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends one reply; safe to call from any thread. */
    public void send(Reply reply) throws IOException {
        write(ByteBuffer.wrap(reply.encode().getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends two replies in one write, so that the client reads them together. */
    public void send(Reply first, Reply second) throws IOException {
        write(ByteBuffer.wrap((first.encode() + second.encode()).getBytes(StandardCharsets.UTF_8)));
    }

    private void write(ByteBuffer out) throws IOException {
        writeLock.lock();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } finally {
            writeLock.unlock();
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A command line was longer than the server accepts. */
    public static final class LineTooLongException extends IOException {
        public LineTooLongException(int max) {
            super("command line longer than " + max + " bytes", null);
        }
    }
}
