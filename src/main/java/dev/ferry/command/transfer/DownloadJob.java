package dev.ferry.command.transfer;

import dev.ferry.data.DataConnection;
import dev.ferry.data.LoggedFile;
import dev.ferry.data.TransferEngine;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.fs.VirtualPath;
import dev.ferry.log.transfer.TransferRecord;
import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/** RETR's transfer: the file was opened on the control thread, so 550s came before any 150. */
final class DownloadJob implements TransferJob {
    /**
     * The largest remainder tried on the control thread. A new loopback or LAN connection takes
     * this much into its socket buffer at once; a larger file, or a slow client, continues on a
     * transfer thread after the first call.
     */
    static final long AT_ONCE_LIMIT = 128 << 10;

    private final VirtualPath path;
    private final FileChannel file;
    /** The size when the file was opened: what the 150 announces and what is sent. */
    private final long size;
    private final DataType type;
    /** The user's download rate, 0 for none. */
    private final long bytesPerSecond;
    /** The next byte to send: the REST offset, then wherever {@link #runAtOnce} stopped. */
    private long position;

    DownloadJob(VirtualPath path, FileChannel file, long size, long offset, DataType type, long bytesPerSecond) {
        this.path = path;
        this.file = file;
        this.size = size;
        this.position = offset;
        this.type = type;
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    @Override
    public String openingText() {
        return "Opening " + type.label() + " mode data connection for " + path.name() + " (" + size + " bytes)";
    }

    @Override
    public Optional<LoggedFile> loggedFile() {
        return Optional.of(new LoggedFile(path, TransferRecord.Direction.DOWNLOAD, type == DataType.ASCII));
    }

    @Override
    public boolean mayFinishAtOnce() {
        return type != DataType.ASCII && bytesPerSecond == 0 && size - position <= AT_ONCE_LIMIT;
    }

    @Override
    public Optional<Reply> runAtOnce(DataConnection connection, TransferProgress progress) throws IOException {
        if (!mayFinishAtOnce() || connection.isProtected()) {
            return Optional.empty();
        }
        connection.cork();
        position += TransferEngine.sendAvailable(file, position, size, connection.socket(), progress);
        if (position < size && file.size() > position) {
            return Optional.empty(); // the socket buffer is full: the rest waits for the client
        }
        return Optional.of(finish(connection));
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException {
        connection.cork(); // once per connection: runAtOnce may have corked it already
        TransferEngine.send(file, position, size, type, connection, progress);
        return finish(connection);
    }

    private static Reply finish(DataConnection connection) throws IOException {
        connection.finishOutput();
        return Reply.of(ReplyCode.CLOSING_DATA, "Transfer complete");
    }

    @Override
    public void release() {
        try {
            file.close();
        } catch (IOException ignored) {
            // read-only; nothing is lost
        }
    }
}
