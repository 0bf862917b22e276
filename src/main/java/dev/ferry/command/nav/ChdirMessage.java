package dev.ferry.command.nav;

import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.session.LoginState;
import dev.ferry.session.MessageFile;
import dev.ferry.session.Session;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * {@code DisplayChdir file [on|off]} (ProFTPD mod_core): when a client changes into a directory
 * (CWD, CDUP) that holds {@code file}, its text comes first in the 250 reply. By default it is
 * shown every time; with {@code on}, only the first time the directory is entered in a session,
 * and again if the file has changed since. The file is read through the user's jail, so a
 * link out of it shows nothing; a missing or unreadable file shows nothing either.
 */
final class ChdirMessage {
    /** Directories remembered per session for "on"; beyond this, the oldest memory is dropped. */
    private static final int MAX_REMEMBERED = 4096;

    /**
     * What each session has been shown, for "on". Keyed weakly by the session, so the memory
     * goes with the session; tied to its login, so that after REIN and a new login it starts over.
     */
    private static final Map<Session, Shown> SHOWN = Collections.synchronizedMap(new WeakHashMap<>());

    /** The files one login has been shown: directory to the file's modification time. */
    private record Shown(LoginState login, Map<VirtualPath, Instant> files) {
    }

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
        if (once && !firstShowing(session, directory, entry.modified())) {
            return List.of();
        }
        try (FileChannel file = session.fs().openRead(path)) {
            return MessageFile.read(file);
        } catch (FsException | java.io.IOException e) {
            return List.of();
        }
    }

    /** Records the showing; false when this version of the file was shown in this login already. */
    private static boolean firstShowing(Session session, VirtualPath directory, Instant modified) {
        synchronized (SHOWN) {
            Shown shown = SHOWN.get(session);
            if (shown == null || shown.login() != session.login()) {
                shown = new Shown(session.login(), new HashMap<>());
                SHOWN.put(session, shown);
            }
            if (modified.equals(shown.files().get(directory))) {
                return false;
            }
            if (shown.files().size() >= MAX_REMEMBERED) {
                shown.files().clear();
            }
            shown.files().put(directory, modified);
            return true;
        }
    }
}
