package dev.ferry.command.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that refuses to let the file grow past a size ({@code MaxStoreFileSize},
 * ProFTPD mod_xfer): a write that would end beyond it throws {@link CapExceeded} and writes
 * nothing. The size counts what the file already held, so an APPE or a resumed STOR is judged
 * by the whole file, as ProFTPD counts it. Everything else is passed to the wrapped channel.
 */
final class CappedFileChannel extends FileChannel {
    private final FileChannel file;
    private final long cap;
    private final boolean append;

    /** A write would have taken the file past the cap. */
    static final class CapExceeded extends IOException {
        private final long cap;

        CapExceeded(long cap) {
            super("the file would exceed " + cap + " bytes", null);
            this.cap = cap;
        }

        long cap() {
            return cap;
        }
    }

    /** @param append whether {@code file} was opened for appending (every write goes to its end) */
    CappedFileChannel(FileChannel file, long cap, boolean append) {
        if (cap <= 0) {
            throw new IllegalArgumentException("a cap must be positive");
        }
        this.file = file;
        this.cap = cap;
        this.append = append;
    }

    private void check(long position, long length) throws CapExceeded {
        if (length > 0 && (position > cap || length > cap - position)) {
            throw new CapExceeded(cap);
        }
    }

    private long writePosition() throws IOException {
        return append ? file.size() : file.position();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        check(writePosition(), src.remaining());
        return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        check(writePosition(), total);
        return file.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        check(position, src.remaining());
        return file.write(src, position);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        check(position, count); // how much the source holds is unknown: judge by what is asked for
        return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw new UnsupportedOperationException("a capped file is written through write() only");
        }
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
