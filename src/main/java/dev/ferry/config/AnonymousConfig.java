package dev.ferry.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Anonymous FTP ("anonymous" and "ftp" users). Off by default; read-only when on.
 *
 * @param enabled    whether anonymous logins are accepted
 * @param root       the anonymous area on the host
 * @param uploadDir  a directory (relative to the anonymous root) where anonymous users may upload
 *                   new files; files there cannot be downloaded (anti-warez). Empty: no uploads.
 */
public record AnonymousConfig(boolean enabled, Path root, Optional<String> uploadDir) {
}
