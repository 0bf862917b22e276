package dev.ferry.data;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * An upload's buffer: native memory that starts small, doubles whenever one read fills it, up to
 * a ceiling, and is freed as soon as the upload ends. A client that keeps the socket full gets
 * fewer, larger reads and writes; a slow one never costs more than the first size.
 *
 * <p>The memory comes from a confined {@link Arena} rather than {@code allocateDirect}, whose
 * buffers are only freed when the garbage collector gets to them: every fast upload would
 * otherwise leave several megabytes of native memory behind until the next collection.
 * Confined means the buffer is used by the thread that made it, which is the transfer's.
 */
final class ReceiveBuffer implements AutoCloseable {
    private final int most;
    private Arena arena;
    private ByteBuffer buffer;

    ReceiveBuffer(int first, int most) {
        this.most = most;
        this.arena = Arena.ofConfined();
        this.buffer = arena.allocate(first).asByteBuffer();
    }

    /** The current buffer; it changes after {@link #filled}. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Tells that a read took {@code n} bytes, after they were used: a read that filled the
     * buffer makes the next one twice as large, up to the ceiling.
     */
    void filled(int n) {
        if (n < buffer.capacity() || buffer.capacity() >= most) {
            return;
        }
        Arena bigger = Arena.ofConfined();
        try {
            buffer = bigger.allocate(Math.min((long) most, buffer.capacity() * 2L)).asByteBuffer();
        } catch (OutOfMemoryError e) {
            bigger.close();
            return; // native memory is short: going on with the smaller buffer is only slower
        }
        arena.close();
        arena = bigger;
    }

    @Override
    public void close() {
        arena.close();
    }
}
