package dev.ferry.command.transfer;

import dev.ferry.config.FileRules;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.fs.WriteMode;
import dev.ferry.log.LogText;
import dev.ferry.policy.Permission;
import dev.ferry.policy.quota.QuotaCharge;
import dev.ferry.policy.quota.QuotaUsage;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks STOR, APPE and STOU share, done on the control thread so that refusals come before
 * any 150: permission (store, overwrite or append), restart offset, disk use, the user's quota,
 * data connection, target; then the {@link UploadPlan} the transfer carries out.
 *
 * <p>{@code HiddenStores} (ProFTPD mod_xfer; Pure-FTPd's {@code -0}) applies to STOR and STOU:
 * the bytes go to {@code PREFIX + name + "."} in the same directory and replace the target only
 * once complete; when that hidden name is taken (another upload of the same name is running, or
 * one was cut off by a crash), the upload is refused with 550. APPE and a STOR after REST write
 * the target itself: they add to a file that is already visible, and copying it to the hidden
 * name first would cost as much as the upload. (ProFTPD refuses REST under HiddenStores
 * instead; Ferry keeps resuming, which {@code AllowStoreRestart} governs.)
 */
final class Uploads {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    private Uploads() {
    }

    static Outcome start(Session session, VirtualPath path, boolean append, boolean unique) throws FtpException, FsException {
        FileEntry existing = statOrNull(session, path);
        long offset = session.parameters().takeRestOffset();
        WriteMode mode;
        if (unique) {
            mode = WriteMode.CREATE_NEW;
        } else if (offset > 0) {
            mode = WriteMode.RESUME;
        } else {
            mode = append ? WriteMode.APPEND : WriteMode.REPLACE;
        }
        Permission needed = existing == null ? Permission.STORE
                : append ? Permission.APPEND : Permission.OVERWRITE;
        session.require(needed, path);
        FileRules files = session.rules().files(session.hostPath(path));
        if (needed == Permission.OVERWRITE && !files.allowOverwrite()) { // ProFTPD AllowOverwrite
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Overwriting files is not allowed here");
        }
        if (existing != null && (offset > 0 || append) && !files.allowStoreRestart()) {
            // ProFTPD mod_xfer: adding to an existing file, by APPE or REST, needs AllowStoreRestart (FAQ ch. 4 §23)
            throw new FtpException(ReplyCode.LOCAL_ERROR, path.name() + ": Append/Restart not permitted, try again");
        }
        if (offset > 0 && !files.allowOverwrite()) { // resuming rewrites the file's tail (FAQ ch. 5 §21)
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Resuming uploads is not allowed here");
        }
        if (offset > 0 && (existing == null || offset > existing.size())) {
            throw new FtpException(ReplyCode.INVALID_REST, "Restart offset " + offset + " is beyond the end of the file");
        }
        session.fs().checkWritable(path, mode);
        refuseWhenDiskFull(session, path, files);
        long sizeBefore = switch (mode) {
            case RESUME -> offset;
            case APPEND -> existing == null ? 0 : existing.size();
            case REPLACE, CREATE_NEW -> 0;
        };
        Optional<QuotaUsage> quota = session.quota(path);
        long quotaSize = quota.isPresent() ? quotaSize(quota.get(), path, existing, sizeBefore) : 0;
        Optional<VirtualPath> hidden = append || offset > 0 ? Optional.empty() : hiddenName(session, path, files);
        if (!session.data().isReady()) {
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
        }
        UploadPlan plan = hidden.isPresent()
                ? new UploadPlan(path, hidden.get(), WriteMode.CREATE_NEW, 0, true, 0, existing != null,
                        files.fileMode(), files.maxStoreSize(), quotaSize)
                : new UploadPlan(path, path, mode, offset, existing == null, sizeBefore, existing != null,
                        files.fileMode(), files.maxStoreSize(), quotaSize);
        Optional<QuotaCharge> charge = session.quotaCharge(path);
        String type = session.parameters().type().label();
        String opening = unique ? "FILE: " + path.name()
                : "Opening " + type + " mode data connection for " + path.name();
        String done = unique ? "Transfer complete (unique file name: " + path.name() + ")" : "Transfer complete";
        return session.startTransfer(new UploadJob(session.fs(), plan, session.parameters().type(), opening, done,
                session.rates().upload(), charge));
    }

    /**
     * The most the file may hold within the user's quota (0 for no byte quota), or 552 when the
     * upload may not even start: a new file beyond the file quota, or no byte left to add. The
     * bytes of the file being replaced or added to count as free for it.
     */
    private static long quotaSize(QuotaUsage quota, VirtualPath path, FileEntry existing, long sizeBefore)
            throws FtpException {
        if (existing == null && quota.fileLimitReached()) {
            LOG.info("upload of {} refused: the file quota ({} files) is reached", LogText.escape(path.toString()),
                    quota.quota().files());
            throw new FtpException(ReplyCode.EXCEEDED_STORAGE, "Quota exceeded: you may keep at most "
                    + quota.quota().files() + " files");
        }
        if (quota.quota().bytes() == 0) {
            return 0;
        }
        long left = quota.bytesLeft();
        long reusable = existing == null || !existing.isFile() ? 0 : existing.size();
        long size = left > Long.MAX_VALUE - reusable ? Long.MAX_VALUE : left + reusable;
        if (size <= sizeBefore) {
            LOG.info("upload of {} refused: the byte quota ({} bytes) is reached", LogText.escape(path.toString()),
                    quota.quota().bytes());
            throw new FtpException(ReplyCode.EXCEEDED_STORAGE, "Quota exceeded: you may keep at most "
                    + quota.quota().bytes() + " bytes");
        }
        return size;
    }

    /**
     * Pure-FTPd's {@code -k}: no upload starts on a file system fuller than the limit. 452 is
     * RFC 959's transient "insufficient storage": the client may try again once space is freed.
     */
    private static void refuseWhenDiskFull(Session session, VirtualPath path, FileRules files)
            throws FtpException, FsException {
        int limit = files.maxDiskUsagePercent();
        if (limit == 0) {
            return;
        }
        int used = session.fs().usedPercent(path.parent());
        if (used > limit) {
            LOG.warn("upload of {} refused: the file system is {}% full (limit {}%)",
                    LogText.escape(path.toString()), used, limit);
            throw new FtpException(ReplyCode.INSUFFICIENT_STORAGE,
                    "Disk almost full: uploads are refused above " + limit + "% use, try again later");
        }
    }

    /** The free hidden name an upload to {@code path} goes to, when HiddenStores is on. */
    private static Optional<VirtualPath> hiddenName(Session session, VirtualPath path, FileRules files)
            throws FtpException, FsException {
        Optional<String> name = files.hiddenStoreName(path.name());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        VirtualPath hidden = path.parent().child(name.get());
        if (session.fs().exists(hidden)) {
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Upload of " + path.name()
                    + " already in progress (" + name.get() + " exists)");
        }
        session.fs().checkWritable(hidden, WriteMode.CREATE_NEW);
        return Optional.of(hidden);
    }

    private static FileEntry statOrNull(Session session, VirtualPath path) throws FsException {
        try {
            return session.fs().stat(path);
        } catch (FsException.NotFound e) {
            return null;
        }
    }
}
