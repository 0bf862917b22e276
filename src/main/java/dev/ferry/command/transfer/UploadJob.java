package dev.ferry.command.transfer;

import dev.ferry.data.DataConnection;
import dev.ferry.data.LoggedFile;
import dev.ferry.data.TransferEngine;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualFileSystem;
import dev.ferry.fs.WriteMode;
import dev.ferry.log.transfer.TransferRecord;
import dev.ferry.policy.quota.QuotaCharge;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.DataType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STOR/APPE/STOU's transfer, as its {@link UploadPlan} says. The file is opened only once the
 * data connection is up, so an upload whose data connection never arrives does not truncate
 * the existing file.
 *
 * <ul>
 *   <li>A new file gets the mode {@code Umask} gives, set explicitly so that the server
 *       process's own umask does not matter.
 *   <li>{@code MaxStoreFileSize}: the upload stops with 552 when the file would grow past the
 *       limit; the file is removed (ProFTPD mod_xfer), or for APPE and resumed uploads cut back
 *       to what it held before.
 *   <li>A byte quota caps the file the same way (the bytes left, plus what the file being
 *       replaced or added to already holds), with a 552 that says so; afterwards the user's
 *       usage is brought up to date with whatever the target then holds.
 *   <li>{@code HiddenStores}: the bytes go to the hidden name, which replaces the target by one
 *       rename once the client has sent everything; any failure, ABOR included, removes the
 *       hidden file (HiddenStores implies DeleteAbortedStores in ProFTPD).
 * </ul>
 */
final class UploadJob implements TransferJob {
    private static final Logger LOG = LoggerFactory.getLogger(UploadJob.class);

    private final VirtualFileSystem fs;
    private final UploadPlan plan;
    private final DataType type;
    private final String openingText;
    private final String completionText;
    /** The user's upload rate, 0 for none. */
    private final long bytesPerSecond;
    /** The target's change under the user's quota, when they have one there. */
    private final Optional<QuotaCharge> charge;

    UploadJob(VirtualFileSystem fs, UploadPlan plan, DataType type, String openingText, String completionText,
              long bytesPerSecond, Optional<QuotaCharge> charge) {
        this.fs = fs;
        this.plan = plan;
        this.type = type;
        this.openingText = openingText;
        this.completionText = completionText;
        this.bytesPerSecond = bytesPerSecond;
        this.charge = charge;
    }

    @Override
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    @Override
    public Optional<LoggedFile> loggedFile() {
        return Optional.of(new LoggedFile(plan.target(), TransferRecord.Direction.UPLOAD, type == DataType.ASCII));
    }

    @Override
    public String openingText() {
        return openingText;
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException, FsException {
        try {
            return store(connection, progress);
        } finally {
            charge.ifPresent(QuotaCharge::settle); // whatever is there now, complete, cut back or gone
        }
    }

    private Reply store(DataConnection connection, TransferProgress progress) throws IOException, FsException {
        FileChannel file = fs.openWrite(plan.written(), plan.mode(), plan.offset());
        try {
            receive(file, connection, progress);
        } catch (CappedFileChannel.CapExceeded e) {
            removeIf(plan.removesWhenCut());
            if (plan.quotaCut(e.cap())) {
                LOG.info("quota reached: upload of {} stopped at {} bytes", plan.target().name(), e.cap());
                return Reply.of(ReplyCode.EXCEEDED_STORAGE, "Transfer aborted: quota exceeded, " + plan.target().name()
                        + (plan.removesWhenCut() ? " not saved" : " kept as it was"));
            }
            LOG.info("MaxStoreFileSize ({} bytes) reached: upload of {} stopped", e.cap(), plan.target().name());
            return Reply.of(ReplyCode.EXCEEDED_STORAGE, "Transfer aborted: " + plan.target().name()
                    + " would exceed the upload limit of " + e.cap() + " bytes");
        } catch (IOException | FsException | RuntimeException e) {
            removeIf(plan.hidden());
            throw e;
        }
        if (plan.hidden()) {
            commit();
        }
        return Reply.of(ReplyCode.CLOSING_DATA, completionText);
    }

    /** Sets the mode of a new file, then writes what the client sends; closes the file. */
    private void receive(FileChannel opened, DataConnection connection, TransferProgress progress)
            throws IOException, FsException {
        FileChannel file = plan.cap() > 0
                ? new CappedFileChannel(opened, plan.cap(), plan.mode() == WriteMode.APPEND) : opened;
        try (file) {
            if (plan.creates()) {
                fs.setMode(plan.written(), plan.fileMode());
            }
            TransferEngine.receive(connection, file, type, progress);
        } catch (CappedFileChannel.CapExceeded e) {
            if (!plan.removesWhenCut()) {
                fs.openWrite(plan.written(), WriteMode.RESUME, plan.sizeBefore()).close();
            }
            throw e;
        } catch (IOException e) {
            if (isNoSpace(e)) {
                throw new FsException.NoSpace();
            }
            throw e;
        }
    }

    /**
     * The hidden file becomes the target. When the target was not there at the start (or could
     * not be replaced), a file that appeared there since is not replaced: the upload fails
     * instead, as it would have had the file been there at the start.
     */
    private void commit() throws FsException {
        try {
            if (!plan.mayReplace() && fs.exists(plan.target())) {
                throw new FsException.AlreadyExists();
            }
            fs.rename(plan.written(), plan.target());
        } catch (FsException e) {
            removeIf(true);
            throw e;
        }
    }

    private void removeIf(boolean remove) {
        if (!remove) {
            return;
        }
        try {
            fs.deleteFile(plan.written());
        } catch (FsException e) {
            LOG.warn("could not remove {} after a failed upload: {}", plan.written().name(), e.getMessage());
        }
    }

    private static boolean isNoSpace(IOException e) {
        return e.getMessage() != null && (e.getMessage().contains("No space left") || e.getMessage().contains("quota"));
    }

    @Override
    public void release() {
        // the file is closed by run(); nothing else is held
    }
}
