package dev.ferry.data;

import dev.ferry.fs.FsException;
import dev.ferry.reply.Reply;
import java.io.IOException;
import java.util.Optional;

/**
 * The work of one data-channel command (RETR, STOR, LIST, ...) after its checks have passed on
 * the control thread. Runs on the transfer thread once the data connection is open.
 */
public interface TransferJob {

    /** Text of the 150 reply, e.g. "Opening BINARY mode data connection for a.txt (12 bytes)". */
    String openingText();

    /** Moves the data and returns the final (226) reply. */
    Reply run(DataConnection connection, TransferProgress progress) throws IOException, FsException;

    /**
     * Whether this job is small enough that {@link #runAtOnce} will likely finish it. Such a job
     * runs on the control thread when its data connection is already waiting: for a file that
     * takes one system call to send, handing it to a transfer thread costs more than the send.
     */
    default boolean mayFinishAtOnce() {
        return false;
    }

    /**
     * Moves what can be moved without waiting for the client. Returns the final reply when the
     * job is done; empty when the rest has to wait, and then {@link #run} is called (on a transfer
     * thread) and continues where this stopped.
     */
    default Optional<Reply> runAtOnce(DataConnection connection, TransferProgress progress)
            throws IOException, FsException {
        return Optional.empty();
    }

    /**
     * The most bytes per second this transfer may move (the user's upload or download rate);
     * 0 for no limit. A limited transfer never runs on the control thread.
     */
    default long bytesPerSecond() {
        return 0;
    }

    /** The file this job moves, for the transfer logs; empty for a listing, which they leave out. */
    default Optional<LoggedFile> loggedFile() {
        return Optional.empty();
    }

    /** Releases what the job holds (open files); called exactly once, whatever happened. */
    void release();
}
