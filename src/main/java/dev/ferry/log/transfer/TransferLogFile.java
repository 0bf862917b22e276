package dev.ferry.log.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open transfer log. Lines are appended whole, one write each, so that several servers or
 * a log reader never see half a line. {@link #reopen} follows a log rotation: the file is opened
 * again by name, and what was being written to the old one is finished first.
 */
final class TransferLogFile {
    private static final Logger LOG = LoggerFactory.getLogger(TransferLogFile.class);
    private static final java.nio.file.attribute.FileAttribute<?> MODE_0640 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));

    private final Path file;
    private final TransferLogFormat format;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    /** Whether the last write failed: the failure is logged once, not for every transfer. */
    private boolean failing;

    private TransferLogFile(Path file, TransferLogFormat format, FileChannel channel) {
        this.file = file;
        this.format = format;
        this.channel = channel;
    }

    static TransferLogFile open(Path file, TransferLogFormat format) throws IOException {
        return new TransferLogFile(file, format, openChannel(file, format));
    }

    private static FileChannel openChannel(Path file, TransferLogFormat format) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), MODE_0640);
        } catch (UnsupportedOperationException noPosix) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException("cannot open the " + format.label() + " transfer log " + file + ": " + e, e);
        }
        if (channel.size() == 0) {
            Optional<String> header = format.header(Instant.now());
            if (header.isPresent()) {
                writeFully(channel, header.get());
            }
        }
        return channel;
    }

    Path file() {
        return file;
    }

    TransferLogFormat format() {
        return format;
    }

    void write(TransferRecord record) {
        Optional<String> line = format.line(record, ZoneId.systemDefault());
        if (line.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (channel == null) {
                return; // closed: no longer configured
            }
            writeFully(channel, line.get());
            if (failing) {
                failing = false;
                LOG.info("writing the transfer log {} again", file);
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot write the transfer log {}: {}; transfers go unlogged until it can be written",
                        file, e.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Opens the file again by name; the old channel is closed only once the new one is open. */
    void reopen() throws IOException {
        FileChannel fresh = openChannel(file, format);
        FileChannel old;
        lock.lock();
        try {
            old = channel;
            channel = fresh;
            failing = false;
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
    }

    void close() {
        FileChannel old;
        lock.lock();
        try {
            old = channel;
            channel = null;
        } finally {
            lock.unlock();
        }
        closeQuietly(old);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a transfer log: {}", e.toString());
        }
    }

    private static void writeFully(FileChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
