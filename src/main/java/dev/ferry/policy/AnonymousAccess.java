package dev.ferry.policy;

import dev.ferry.fs.VirtualPath;
import java.util.Optional;

/**
 * Anonymous users: read-only, except for an optional drop directory where new files may be
 * uploaded but never downloaded, overwritten, renamed or deleted (Pure-FTPd's anti-warez, the
 * ProFTPD FAQ's "secure upload directory").
 */
public final class AnonymousAccess implements AccessPolicy {
    private final Optional<VirtualPath> dropDirectory;

    public AnonymousAccess(Optional<VirtualPath> dropDirectory) {
        this.dropDirectory = dropDirectory;
    }

    @Override
    public boolean permits(Permission permission, VirtualPath path) {
        boolean inDrop = dropDirectory.isPresent() && path.startsWith(dropDirectory.get()) && !path.equals(dropDirectory.get());
        return switch (permission) {
            case LIST -> true;
            case READ -> !inDrop;
            case STORE -> inDrop && path.parent().equals(dropDirectory.get());
            default -> false;
        };
    }
}
