package dev.ferry.data;

import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves bytes between files and data connections. ASCII transfers convert line ends
 * (RFC 959 §3.1.1.1): LF becomes CRLF on the way out, CRLF becomes LF on the way in. Progress is
 * reported per socket read or write so the stall timer and STAT see it.
 *
 * <p>Binary downloads deliberately do not use {@link FileChannel#transferTo}: on a virtual thread
 * it calls a blocking {@code sendfile} that pins the carrier thread while the client is slow or
 * does not read, and closing the socket does not wake it (virtual threads cannot be signalled).
 * A client that stopped reading could then neither be aborted (ABOR, stall timer, shutdown) nor
 * be served alongside others once every carrier was pinned. Reading the file into a buffer and
 * writing it with {@link SocketChannel#write} parks the virtual thread instead, is woken by
 * {@code close()}, and reports progress for every write; on loopback it is about as fast.
 */
public final class TransferEngine {
    private static final int BUFFER = 256 << 10;

    private TransferEngine() {
    }

    /** Sends a file from {@code offset} to its end. */
    public static long send(FileChannel file, long offset, DataType type, SocketChannel out, TransferProgress progress)
            throws IOException {
        return type == DataType.BINARY ? sendBinary(file, offset, out, progress) : sendAscii(file, offset, out, progress);
    }

    private static long sendBinary(FileChannel file, long offset, SocketChannel out, TransferProgress progress)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long position = offset;
        long size = file.size(); // the size the 150 announced; a file still growing is sent up to it
        while (position < size) {
            buffer.clear();
            buffer.limit((int) Math.min(BUFFER, size - position));
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
