package dev.ferry.policy;

import dev.ferry.fs.VirtualPath;

/**
 * Decides whether a session may do something to a path. Consulted by every handler that touches
 * storage, after the path is resolved and before the file system is called.
 */
public interface AccessPolicy {

    boolean permits(Permission permission, VirtualPath path);

    /** Everything is allowed (a real or virtual user inside their own jail). */
    AccessPolicy FULL = (permission, path) -> true;
}
