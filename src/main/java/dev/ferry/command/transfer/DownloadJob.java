package dev.ferry.command.transfer;

import dev.ferry.data.DataConnection;
import dev.ferry.data.TransferEngine;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** RETR's transfer: the file was opened on the control thread, so 550s came before any 150. */
final class DownloadJob implements TransferJob {
    private final String name;
    private final FileChannel file;
    private final long offset;
    private final DataType type;

    DownloadJob(String name, FileChannel file, long offset, DataType type) {
        this.name = name;
        this.file = file;
        this.offset = offset;
        this.type = type;
    }

    @Override
    public String openingText() {
        long size;
        try {
            size = file.size();
        } catch (IOException e) {
            size = -1;
        }
        return "Opening " + type.label() + " mode data connection for " + name
                + (size >= 0 ? " (" + size + " bytes)" : "");
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException {
        TransferEngine.send(file, offset, type, connection, progress);
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
