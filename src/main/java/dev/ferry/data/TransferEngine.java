package dev.ferry.data;

import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves bytes between files and data connections. Binary downloads use
 * {@link FileChannel#transferTo}, which is {@code sendfile} on Linux: the file goes from the page
 * cache to the socket without passing through the JVM. ASCII transfers convert line ends
 * (RFC 959 §3.1.1.1): LF becomes CRLF on the way out, CRLF becomes LF on the way in. Progress
 * is reported per chunk or write, so the stall timer and STAT see it.
 *
 * <p>{@code sendfile} is a system call that a virtual thread cannot unmount from, and closing the
 * socket does not wake a virtual thread stuck in a blocking one. Transfers therefore run on
 * platform threads (see {@code Transfer}), where a client that stops reading ties up only its
 * own thread. Binary downloads run the socket non-blocking and wait for room with a selector
 * ({@link WritableWait}), so progress is exact however slow the client.
 *
 * <p>Over TLS (PROT P) the bytes must pass through the JVM to be encrypted, so {@code sendfile}
 * is out: the file is read in large chunks into one direct buffer, and the TLS layer encrypts
 * from there into 16 KiB records, several per socket write. There is no other copy.
 */
public final class TransferEngine {
    private static final int BUFFER = 256 << 10;
    /**
     * The largest buffer a binary upload grows to ({@link ReceiveBuffer}). Over loopback, 4 MiB
     * reads stored about a third faster than 256 KiB ones: fewer reads, and each frees enough
     * receive window for the sender to keep going.
     */
    private static final int RECEIVE_MOST = 4 << 20;
    /**
     * The most one transferTo call is asked for. A call returns early when the socket buffer
     * fills, so this only bounds the work of one call for a fast client (1 MiB calls cost about
     * 20% of loopback throughput against 16 MiB ones).
     */
    public static final long SEND_CHUNK = 16L << 20;

    private TransferEngine() {
    }

    /**
     * Sends a file from {@code offset} to {@code size}, the size the 150 announced: a file still
     * growing is sent up to it, one that shrank up to its end. ASCII is sent to the end.
     */
    public static long send(FileChannel file, long offset, long size, DataType type, DataConnection out,
                            TransferProgress progress) throws IOException {
        if (type == DataType.ASCII) {
            return sendAscii(file, offset, out.channel(), progress);
        }
        return out.isProtected() ? sendThrough(file, offset, size, out.channel(), progress)
                : sendBinary(file, offset, size, out, progress);
    }

    /** Binary through a channel that must see every byte (TLS): large file reads, no other copy. */
    private static long sendThrough(FileChannel file, long offset, long size, WritableByteChannel out,
                                    TransferProgress progress) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long position = offset;
        while (position < size) {
            buffer.clear();
            buffer.limit((int) progress.chunk(Math.min(buffer.capacity(), size - position)));
            int n = file.read(buffer, position);
            if (n < 0) {
                break; // the file shrank under us: send what there is
            }
            position += n;
            buffer.flip();
            while (buffer.hasRemaining()) {
                progress.add(out.write(buffer));
            }
        }
        return position - offset;
    }

    private static long sendBinary(FileChannel file, long offset, long size, DataConnection connection,
                                   TransferProgress progress) throws IOException {
        SocketChannel out = connection.socket();
        long position = offset;
        // Non-blocking, sendfile returns as soon as the socket buffer is full, with what it took:
        // progress is exact to one socket buffer however slow the client, and a single call never
        // hides minutes of trickling from the stall timer.
        try (WritableWait wait = new WritableWait(out)) {
            while (true) {
                long n = sendAvailable(file, position, size, out, progress);
                position += n;
                if (position >= size || n == 0 && file.size() <= position) {
                    break; // done, or the file shrank under us: send what there is
                }
                connection.pushCorked();
                wait.untilWritable();
            }
        }
        return position - offset;
    }

    /**
     * Sends from {@code offset} towards {@code size} what the socket takes without waiting, and
     * returns the bytes sent; the socket is left non-blocking.
     */
    public static long sendAvailable(FileChannel file, long offset, long size, SocketChannel out, TransferProgress progress)
            throws IOException {
        out.configureBlocking(false);
        long position = offset;
        while (position < size) {
            long wanted = progress.chunk(Math.min(SEND_CHUNK, size - position));
            long n = file.transferTo(position, wanted, out);
            if (n > 0) {
                position += n;
                progress.add(n);
            }
            if (n < wanted) {
                break; // the socket buffer is full (a call that took all it was asked may take more)
            }
        }
        return position - offset;
    }

    private static long sendAscii(FileChannel file, long offset, WritableByteChannel out, TransferProgress progress)
            throws IOException {
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        ByteBuffer wire = ByteBuffer.allocate(BUFFER * 2);
        long position = offset;
        long sent = 0;
        byte previous = 0;
        while (true) {
            in.clear();
            in.limit(progress.chunk(in.capacity()));
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

    /**
     * Receives until the client closes the connection (under TLS: until its close_notify; a
     * connection cut without one fails); returns bytes written to the file.
     */
    public static long receive(DataConnection connection, FileChannel file, DataType type, TransferProgress progress)
            throws IOException {
        ReadableByteChannel in = connection.channel();
        long written = 0;
        boolean pendingCr = false;
        ByteBuffer converted = type == DataType.ASCII ? ByteBuffer.allocate(BUFFER + 1) : null;
        // ASCII converts through a buffer of the first size, so only binary uploads grow
        try (ReceiveBuffer receiving = new ReceiveBuffer(BUFFER, converted == null ? RECEIVE_MOST : BUFFER)) {
            while (true) {
                ByteBuffer buffer = receiving.buffer();
                buffer.clear();
                buffer.limit(progress.chunk(buffer.capacity()));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                progress.add(n);
                buffer.flip();
                if (converted == null) {
                    written += writeFully(buffer, file);
                    receiving.filled(n);
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
        }
        if (pendingCr) {
            written += writeFully(ByteBuffer.wrap(new byte[] {'\r'}), file);
        }
        return written;
    }

    /** Sends bytes made in memory (a listing). */
    public static long sendBytes(byte[] data, WritableByteChannel out, TransferProgress progress) throws IOException {
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
