package dev.ferry.command.transfer;

import dev.ferry.data.DataConnection;
import dev.ferry.data.TransferEngine;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualFileSystem;
import dev.ferry.fs.VirtualPath;
import dev.ferry.fs.WriteMode;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * STOR/APPE/STOU's transfer. The target is opened only once the data connection is up, so an
 * upload whose data connection never arrives does not truncate the existing file.
 */
final class UploadJob implements TransferJob {
    private final VirtualFileSystem fs;
    private final VirtualPath path;
    private final WriteMode mode;
    private final long offset;
    private final DataType type;
    private final String openingText;
    private final String completionText;

    UploadJob(VirtualFileSystem fs, VirtualPath path, WriteMode mode, long offset, DataType type,
              String openingText, String completionText) {
        this.fs = fs;
        this.path = path;
        this.mode = mode;
        this.offset = offset;
        this.type = type;
        this.openingText = openingText;
        this.completionText = completionText;
    }

    @Override
    public String openingText() {
        return openingText;
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException, FsException {
        try (FileChannel file = fs.openWrite(path, mode, offset)) {
            try {
                TransferEngine.receive(connection.channel(), file, type, progress);
            } catch (IOException e) {
                if (isNoSpace(e)) {
                    throw new FsException.NoSpace();
                }
                throw e;
            }
        }
        return Reply.of(ReplyCode.CLOSING_DATA, completionText);
    }

    private static boolean isNoSpace(IOException e) {
        return e.getMessage() != null && (e.getMessage().contains("No space left") || e.getMessage().contains("quota"));
    }

    @Override
    public void release() {
        // the file is closed by run(); nothing else is held
    }
}
