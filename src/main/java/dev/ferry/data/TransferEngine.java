package dev.ferry.data;

import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves bytes between files and data connections. Binary downloads use
 * {@link FileChannel#transferTo}, which is {@code sendfile} on Linux: the file goes from the page
 * cache to the socket without passing through the JVM. ASCII transfers convert line ends
 * (RFC 959 §3.1.1.1): LF becomes CRLF on the way out, CRLF becomes LF on the way in. Progress
 * is reported per chunk or write, so the stall timer and STAT see it.
 *
 * <p>{@code sendfile} is a blocking system call that a virtual thread cannot unmount from, and
 * closing the socket does not wake a virtual thread stuck in it. Transfers therefore run on
 * platform threads (see {@code Transfer}), where closing the socket ends a blocked
 * {@code sendfile} at once and a client that stops reading ties up only its own thread.
 */
public final class TransferEngine {
    private static final int BUFFER = 256 << 10;
    /**
     * The largest transferTo call. Fast clients get calls this big (1 MiB calls cost about 20% of
     * loopback throughput against 16 MiB ones); progress, which STAT and the stall timer read, is
     * exact to one call.
     */
    public static final long MAX_SEND_CHUNK = 16L << 20;
    /** The smallest, and first, transferTo call: progress stays frequent for slow clients. */
    static final long MIN_SEND_CHUNK = 256L << 10;
    /** A call quicker than this doubles the next one; slower than {@link #SLOW_CALL_NANOS} halves it. */
    private static final long FAST_CALL_NANOS = 20_000_000L;
    private static final long SLOW_CALL_NANOS = 200_000_000L;

    private TransferEngine() {
    }

    /** Sends a file from {@code offset} to its end. */
    public static long send(FileChannel file, long offset, DataType type, SocketChannel out, TransferProgress progress)
            throws IOException {
        return type == DataType.BINARY ? sendBinary(file, offset, out, progress) : sendAscii(file, offset, out, progress);
    }

    private static long sendBinary(FileChannel file, long offset, SocketChannel out, TransferProgress progress)
            throws IOException {
        long position = offset;
        long size = file.size(); // the size the 150 announced; a file still growing is sent up to it
        long chunk = MIN_SEND_CHUNK;
        while (position < size) {
            long started = System.nanoTime();
            long n = file.transferTo(position, Math.min(chunk, size - position), out);
            if (n <= 0) {
                if (file.size() <= position) {
                    break; // the file shrank under us: send what there is
                }
                continue;
            }
            position += n;
            progress.add(n);
            // Grow the calls while the client keeps up, shrink them when it slows down, so that
            // no single call hides progress from the stall timer for long.
            long took = System.nanoTime() - started;
            if (took < FAST_CALL_NANOS && chunk < MAX_SEND_CHUNK) {
                chunk <<= 1;
            } else if (took > SLOW_CALL_NANOS && chunk > MIN_SEND_CHUNK) {
                chunk >>= 1;
            }
        }
        return position - offset;
    }

    private static long sendAscii(FileChannel file, long offset, SocketChannel out, TransferProgress progress)
            throws IOException {
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        ByteBuffer wire = ByteBuffer.allocate(BUFFER * 2);
        long position = offset;
        long sent = 0;
        byte previous = 0;
        while (true) {
            in.clear();
            int n = file.read(in, position);
            if (n < 0) {
                break;
            }
            position += n;
            in.flip();
            wire.clear();
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n' && previous != '\r') {
                    wire.put((byte) '\r');
                }
                wire.put(b);
                previous = b;
            }
            wire.flip();
            while (wire.hasRemaining()) {
                int written = out.write(wire);
                sent += written;
                progress.add(written);
            }
        }
        return sent;
    }

    /** Receives until the client closes the connection; returns bytes written to the file. */
    public static long receive(SocketChannel in, FileChannel file, DataType type, TransferProgress progress)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long written = 0;
        boolean pendingCr = false;
        ByteBuffer converted = type == DataType.ASCII ? ByteBuffer.allocate(BUFFER + 1) : null;
        while (true) {
            buffer.clear();
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            progress.add(n);
            buffer.flip();
            if (converted == null) {
                written += writeFully(buffer, file);
                continue;
            }
            converted.clear();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (pendingCr) {
                    pendingCr = false;
                    if (b != '\n') {
                        converted.put((byte) '\r');
                    }
                }
                if (b == '\r') {
                    pendingCr = true;
                } else {
                    converted.put(b);
                }
            }
            converted.flip();
            written += writeFully(converted, file);
        }
        if (pendingCr) {
            written += writeFully(ByteBuffer.wrap(new byte[] {'\r'}), file);
        }
        return written;
    }

    /** Sends bytes made in memory (a listing). */
    public static long sendBytes(byte[] data, SocketChannel out, TransferProgress progress) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            progress.add(out.write(buffer));
        }
        return data.length;
    }

    private static long writeFully(ByteBuffer buffer, WritableByteChannel out) throws IOException {
        long total = 0;
        while (buffer.hasRemaining()) {
            total += out.write(buffer);
        }
        return total;
    }
}
