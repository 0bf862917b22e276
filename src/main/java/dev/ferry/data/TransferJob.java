package dev.ferry.data;

import dev.ferry.fs.FsException;
import dev.ferry.reply.Reply;
import java.io.IOException;

/**
 * The work of one data-channel command (RETR, STOR, LIST, ...) after its checks have passed on
 * the control thread. Runs on the transfer thread once the data connection is open.
 */
public interface TransferJob {

    /** Text of the 150 reply, e.g. "Opening BINARY mode data connection for a.txt (12 bytes)". */
    String openingText();

    /** Moves the data and returns the final (226) reply. */
    Reply run(DataConnection connection, TransferProgress progress) throws IOException, FsException;

    /** Releases what the job holds (open files); called exactly once, whatever happened. */
    void release();
}
