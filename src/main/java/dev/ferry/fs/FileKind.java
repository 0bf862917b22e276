package dev.ferry.fs;

/** What a directory entry is, after following permitted symlinks. */
public enum FileKind {
    FILE, DIRECTORY, OTHER
}
