package dev.ferry.fs;

import java.time.Instant;

/**
 * One file's facts, as listings and MLST need them.
 *
 * @param name     the entry's name (last component)
 * @param kind     file, directory or other
 * @param size     size in bytes
 * @param modified last modification time
 * @param mode     UNIX permission bits (e.g. 0644), or -1 when the storage has none
 * @param links    hard link count
 * @param owner    owner name as the storage reports it
 * @param group    group name as the storage reports it
 * @param unique   an identifier stable for the object's life (RFC 3659 §7.5.2 "unique")
 */
public record FileEntry(String name, FileKind kind, long size, Instant modified, int mode, long links,
                        String owner, String group, String unique) {

    public boolean isDirectory() {
        return kind == FileKind.DIRECTORY;
    }

    public boolean isFile() {
        return kind == FileKind.FILE;
    }

    /** Dot-files are hidden from listings unless asked for (ls -a). */
    public boolean isHidden() {
        return name.startsWith(".");
    }
}
