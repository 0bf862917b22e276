package dev.ferry.policy;

import dev.ferry.fs.VirtualPath;
import java.util.Optional;

/**
 * Anonymous users: read-only, except for an optional drop directory where new files may be
 * uploaded but never downloaded, overwritten, renamed or deleted (Pure-FTPd's anti-warez, the
 * ProFTPD FAQ's "secure upload directory").
 *
 * <p>Nothing whose path has a component starting with a dot may be read, entered or created:
 * dot-files are where control files live ({@code .ftpaccess}, {@code .ssh}, {@code .htaccess},
 * {@code .forward}), and an anonymous upload of one must not become policy for someone else
 * (Pure-FTPd: "anonymous users can't, for security reasons, read or write dot-files").
 *
 * Pure-FTPd's {@code -z} lets them list and download dot-files (still never create or change them);
 * its {@code -M} lets them create directories inside the drop directory and upload into those.
 *
 * <p>In an area from a configuration file ({@code <Anonymous>}), writes are governed by its
 * {@code <Limit>} blocks instead (denied unless one allows them, see {@code Session.require}),
 * and only the dot-file rule applies here.
 */
public final class AnonymousAccess implements AccessPolicy {
    private final Optional<VirtualPath> dropDirectory;
    private final boolean writesByLimit;
    private final boolean readsDotFiles;
    private final boolean makesDirectories;

    public AnonymousAccess(Optional<VirtualPath> dropDirectory) {
        this(dropDirectory, false);
    }

    public AnonymousAccess(Optional<VirtualPath> dropDirectory, boolean writesByLimit) {
        this(dropDirectory, writesByLimit, false);
    }

    public AnonymousAccess(Optional<VirtualPath> dropDirectory, boolean writesByLimit, boolean readsDotFiles) {
        this(dropDirectory, writesByLimit, readsDotFiles, false);
    }

    /**
     * @param makesDirectories Pure-FTPd's {@code -M}: directories may be created anywhere inside the
     *                         drop directory, and new files uploaded into them
     */
    public AnonymousAccess(Optional<VirtualPath> dropDirectory, boolean writesByLimit, boolean readsDotFiles,
                           boolean makesDirectories) {
        this.dropDirectory = dropDirectory;
        this.writesByLimit = writesByLimit;
        this.readsDotFiles = readsDotFiles;
        this.makesDirectories = makesDirectories;
    }

    /** Whether write permissions are left to the area's {@code <Limit>} blocks. */
    public boolean writesByLimit() {
        return writesByLimit;
    }

    @Override
    public boolean permits(Permission permission, VirtualPath path) {
        if (hasDotComponent(path) && !(readsDotFiles && (permission == Permission.LIST || permission == Permission.READ))) {
            return false;
        }
        if (writesByLimit) {
            return true;
        }
        boolean inDrop = dropDirectory.isPresent() && path.startsWith(dropDirectory.get()) && !path.equals(dropDirectory.get());
        return switch (permission) {
            case LIST -> true;
            case READ -> !inDrop;
            case STORE -> inDrop && (makesDirectories || path.parent().equals(dropDirectory.get()));
            case MKDIR -> inDrop && makesDirectories;
            default -> false;
        };
    }

    /** The administrator's own choice of drop directory (say ".incoming") does not count. */
    private boolean hasDotComponent(VirtualPath path) {
        int from = dropDirectory.isPresent() && path.startsWith(dropDirectory.get())
                ? dropDirectory.get().segments().size() : 0;
        return DotFileAccess.hasDotComponent(path, from);
    }
}
