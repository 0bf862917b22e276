package dev.ferry.session;

import dev.ferry.fs.VirtualPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory messages one login has been shown ({@code DisplayChdir file on}): directory to
 * the modification time of the file shown. A new login starts with an empty one, so after REIN
 * and USER/PASS every message shows again. Used only by the session's control thread.
 */
public final class ShownMessages {
    /** Beyond this many directories the memory starts over, so a client cannot grow it at will. */
    private static final int MAX_REMEMBERED = 4096;

    private final Map<VirtualPath, Instant> shown = new HashMap<>();

    /** Records the showing; false when this version of the directory's file was shown already. */
    public boolean firstShowing(VirtualPath directory, Instant modified) {
        if (modified.equals(shown.get(directory))) {
            return false;
        }
        if (shown.size() >= MAX_REMEMBERED) {
            shown.clear();
        }
        shown.put(directory, modified);
        return true;
    }
}
