package dev.ferry.session;

import dev.ferry.data.LoggedFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who moves which file, fixed when the transfer starts, so that the transfer logs and the upload
 * script name the user and file of the command even if the session logs out (REIN) before the
 * transfer ends.
 *
 * @param user      the login name
 * @param anonymous whether the login is anonymous
 * @param hostFile  the file on the host
 * @param file      the file as the user named it
 */
record TransferSubject(String user, boolean anonymous, Path hostFile, LoggedFile file) {
    TransferSubject {
        Objects.requireNonNull(user);
        Objects.requireNonNull(hostFile);
        Objects.requireNonNull(file);
    }
}
