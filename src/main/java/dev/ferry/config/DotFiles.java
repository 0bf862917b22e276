package dev.ferry.config;

/**
 * What real (non-anonymous) users may do with dot-files: files and directories whose name
 * starts with a dot, such as {@code .ssh} or {@code .qmail}. Pure-FTPd's {@code -x}
 * ({@code ProhibitDotFilesWrite}) and {@code -X} ({@code ProhibitDotFilesRead}); anonymous
 * users never have access to dot-files, whatever this says.
 */
public enum DotFiles {
    /** Dot-files are files like any other (Pure-FTPd's default). */
    ALLOWED,
    /** {@code -x}: dot-files may be listed and downloaded, but not created, written, renamed, deleted or chmod-ed. */
    NO_WRITE,
    /** {@code -X}: as {@code NO_WRITE}, and dot-files cannot be read nor dot-directories entered either. */
    NO_ACCESS
}
