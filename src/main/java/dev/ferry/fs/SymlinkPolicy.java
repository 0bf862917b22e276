package dev.ferry.fs;

/** Which symbolic links below a user's root are followed. */
public enum SymlinkPolicy {
    /** Follow a link only if its target stays inside the root (the default). */
    INSIDE_ROOT,
    /**
     * Follow every link, even outside the root: Pure-FTPd's "virtual chroot". Lets an
     * administrator share a directory by linking it into homes; also lets any user who can
     * create links on the host escape, so it is only for trusted hosts.
     */
    ANYWHERE
}
