package dev.ferry.fs;

import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.List;

/**
 * Storage as one user sees it. Every method takes a {@link VirtualPath}; an implementation maps
 * it below its own root and never lets an operation reach outside it. Handlers talk only to
 * this interface, never to {@code java.nio.file} directly.
 */
public interface VirtualFileSystem {

    FileEntry stat(VirtualPath path) throws FsException;

    /** Whether the path names something this user can see; any failure counts as "no". */
    default boolean exists(VirtualPath path) {
        try {
            stat(path);
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    /** The entries of a directory, unsorted, without "." and "..". */
    List<FileEntry> list(VirtualPath directory) throws FsException;

    /** Opens a regular file for reading (positioned at 0). */
    FileChannel openRead(VirtualPath path) throws FsException;

    /**
     * Checks, without changing anything, that {@link #openWrite} could create or open the path:
     * the parent is a directory inside the root and the target is not a directory.
     */
    void checkWritable(VirtualPath path, WriteMode mode) throws FsException;

    /** Opens for writing; for {@link WriteMode#RESUME} the channel is positioned at {@code offset}. */
    FileChannel openWrite(VirtualPath path, WriteMode mode, long offset) throws FsException;

    void makeDirectory(VirtualPath path) throws FsException;

    void deleteFile(VirtualPath path) throws FsException;

    void removeDirectory(VirtualPath path) throws FsException;

    void rename(VirtualPath from, VirtualPath to) throws FsException;

    void setModified(VirtualPath path, Instant time) throws FsException;

    /** Changes UNIX permission bits (SITE CHMOD). */
    void setMode(VirtualPath path, int mode) throws FsException;

    /** Bytes available to this user at the path, or -1 if unknown. */
    long availableSpace(VirtualPath path) throws FsException;

    /**
     * How full the file system holding the path is, in percent as {@code df} shows it (space in
     * use over space in use plus space available to unprivileged users, rounded up); -1 if unknown.
     */
    int usedPercent(VirtualPath path) throws FsException;
}
