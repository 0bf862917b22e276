package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.config.FileRules;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.policy.SystemLoad;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * RETR (RFC 959 §4.1.3; REST per RFC 3659 §5). The file is opened here, on the control thread,
 * so a refusal comes before any 150; {@link dev.ferry.data.TransferEngine} sends it. A file
 * larger than {@code MaxRetrieveFileSize} (ProFTPD mod_xfer) is refused with 550 before any data
 * connection is opened (ProFTPD opens it and then aborts). So is a download the login's
 * upload/download ratio does not allow (Pure-FTPd {@code -q}/{@code -Q}, ProFTPD mod_ratio), which
 * counts what is left to send after REST. Under Pure-FTPd's {@code -m LOAD} an anonymous download
 * waits (450) while the one-minute load average is above LOAD.
 */
public final class RetrHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.READ, path);
        double maxLoad = session.config().limits().anonymousMaxLoad();
        if (maxLoad > 0 && session.account().anonymous() && SystemLoad.above(maxLoad)) {
            throw new FtpException(ReplyCode.FILE_ACTION_NOT_TAKEN, String.format(java.util.Locale.ROOT,
                    "The system load (%.2f) is too high for anonymous downloads; try again later",
                    SystemLoad.oneMinute()));
        }
        FileChannel file = session.fs().openRead(path); // 550s first: they say more than a 425
        long offset = session.parameters().takeRestOffset();
        FileRules files = session.rules().files(session.hostPath(path));
        long size;
        try {
            size = file.size();
            if (offset > 0 && !files.allowRetrieveRestart()) {
                file.close();
                throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Resuming downloads is not allowed here");
            }
            long max = files.maxRetrieveSize();
            if (max > 0 && size > max) {
                file.close();
                throw new FtpException(ReplyCode.FILE_UNAVAILABLE, path.name() + " is larger than the download "
                        + "limit of " + max + " bytes");
            }
            if (offset > size) {
                file.close();
                throw new FtpException(ReplyCode.INVALID_REST, "Restart offset " + offset + " is beyond the end of the file");
            }
            var refusal = session.ratio().flatMap(ratio -> ratio.refusal(path.name(), size - offset));
            if (refusal.isPresent()) {
                file.close();
                throw new FtpException(ReplyCode.FILE_UNAVAILABLE, refusal.get());
            }
            if (!session.data().isReady()) {
                file.close();
                throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
            }
        } catch (IOException e) {
            throw FsException.from(e);
        }
        return session.startTransfer(new DownloadJob(path, file, size, offset, session.parameters().type(),
                session.rates().download()));
    }
}
