package dev.ferry.command.nav;

import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.session.MessageFile;
import dev.ferry.session.Session;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;

/**
 * {@code DisplayChdir file [on|off]} (ProFTPD mod_core): when a client changes into a directory
 * (CWD, CDUP) that holds {@code file}, its text comes first in the 250 reply. By default it is
 * shown every time; with {@code on}, only the first time the directory is entered in a session,
 * and again if the file has changed since. The file is read through the user's jail, so a
 * link out of it shows nothing; a missing or unreadable file shows nothing either.
 */
final class ChdirMessage {
    private ChdirMessage() {
    }

    /** The lines to send before "Directory changed" on entering {@code directory}; often none. */
    static List<String> lines(Session session, VirtualPath directory) {
        Optional<String> name = session.rules().displayChdir(session.hostPath(directory));
        if (name.isEmpty()) {
            return List.of();
        }
        VirtualPath path;
        FileEntry entry;
        try {
            path = directory.child(name.get());
            entry = session.fs().stat(path);
        } catch (FsException e) {
            return List.of();
        }
        if (!entry.isFile()) {
            return List.of();
        }
        boolean once = session.rules().files(session.hostPath(directory)).displayChdirOnce();
        if (once && !session.shownMessages().firstShowing(directory, entry.modified())) {
            return List.of();
        }
        try (FileChannel file = session.fs().openRead(path)) {
            return MessageFile.read(file);
        } catch (FsException | java.io.IOException e) {
            return List.of();
        }
    }
}
