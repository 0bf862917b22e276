package dev.ferry.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local-disk file system: a jail rooted at one host directory.
 *
 * <p>How the jail holds: a {@link VirtualPath} has no {@code ..} left, so its lexical mapping is
 * always below the root. Symbolic links are the remaining way out; every existing path is
 * resolved with {@code toRealPath()} and, under {@link SymlinkPolicy#INSIDE_ROOT}, refused unless
 * the result is still below the (real) root. New names are created in a parent resolved the
 * same way, with {@code NOFOLLOW_LINKS}. Entries that are themselves links (DELE, RMD, RNFR) are
 * acted on as links, never through them. Java has no {@code openat()}, so a local user who can
 * swap a directory for a link between the check and the use can still race it (see SECURITY.md).
 */
public final class LocalFileSystem implements VirtualFileSystem {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,nlink,uid,gid,size,lastModifiedTime";
    private static final OwnerNames OWNER_NAMES = new OwnerNames();
    private static final boolean UNIX_VIEW = java.nio.file.FileSystems.getDefault()
            .supportedFileAttributeViews().contains("unix");
    private static final Optional<LinuxDirectoryReader> LIBC = LinuxDirectoryReader.load();

    private final Path root;
    private final SymlinkPolicy links;
    private final Optional<LinuxDirectoryReader> reader;

    private LocalFileSystem(Path realRoot, SymlinkPolicy links, Optional<LinuxDirectoryReader> reader) {
        this.root = realRoot;
        this.links = links;
        this.reader = reader;
    }

    /** @param root an existing directory; it is resolved to its real path once, here */
    public static LocalFileSystem open(Path root, SymlinkPolicy links) throws IOException {
        return open(root, links, LIBC);
    }

    /** @param reader libc directory reads, where available; empty to list through the JDK only */
    static LocalFileSystem open(Path root, SymlinkPolicy links, Optional<LinuxDirectoryReader> reader)
            throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("not a directory: " + root);
        }
        return new LocalFileSystem(real, links, reader);
    }

    @Override
    public FileEntry stat(VirtualPath path) throws FsException {
        return entryFor(path.name(), existing(path));
    }

    @Override
    public List<FileEntry> list(VirtualPath directory) throws FsException {
        Path dir = existing(directory);
        if (!Files.isDirectory(dir)) {
            throw new FsException.NotADirectory();
        }
        if (reader.isPresent()) {
            Optional<List<FileEntry>> listed = reader.get().list(dir, (name, stat) -> listedEntry(dir, name, stat));
            if (listed.isPresent()) {
                return listed.get();
            }
        }
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                FileEntry entry = listedEntry(child);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw FsException.from(e);
        }
        return entries;
    }

    /**
     * An entry read through libc, with the same rules as {@link #listedEntry(Path)}; links
     * (rare) take that path, which resolves and checks them. Called from several threads.
     */
    private FileEntry listedEntry(Path dir, String name, UnixStat stat) {
        return stat.isLink() ? listedEntry(dir.resolve(name)) : fromUnixStat(name, stat, dir, null);
    }

    /**
     * An entry as a listing shows it, or null for links that lead nowhere we may go. One lstat
     * per ordinary entry: the link check comes from the same attributes, not a second call.
     */
    private FileEntry listedEntry(Path child) {
        String name = child.getFileName().toString();
        try {
            if (UNIX_VIEW) {
                Map<String, Object> a = Files.readAttributes(child, UNIX_ATTRIBUTES, NO_FOLLOW);
                if (((Integer) a.get("mode") & UnixStat.TYPE_MASK) != UnixStat.TYPE_LINK) {
                    return fromUnixAttributes(name, child, a);
                }
            } else if (!Files.isSymbolicLink(child)) {
                return entryFor(name, child);
            }
            Path target = child.toRealPath();
            return permitted(target) ? entryFor(name, target) : null;
        } catch (IOException | FsException e) {
            return null; // dangling link, or vanished while listing
        }
    }

    @Override
    public FileChannel openRead(VirtualPath path) throws FsException {
        Path real = existing(path);
        try {
            // one stat for both questions; a FIFO or device must be refused before open, which could block on it
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new FsException.IsADirectory();
            }
            if (!attributes.isRegularFile()) {
                throw new FsException.AccessDenied();
            }
            return FileChannel.open(real, StandardOpenOption.READ);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void checkWritable(VirtualPath path, WriteMode mode) throws FsException {
        Path target = creatable(path);
        if (Files.exists(target, NO_FOLLOW)) {
            if (Files.isDirectory(target, NO_FOLLOW)) {
                throw new FsException.IsADirectory();
            }
            if (mode == WriteMode.CREATE_NEW) {
                throw new FsException.AlreadyExists();
            }
            if (!Files.isRegularFile(target, NO_FOLLOW)) {
                throw new FsException.AccessDenied();
            }
        }
    }

    @Override
    public FileChannel openWrite(VirtualPath path, WriteMode mode, long offset) throws FsException {
        checkWritable(path, mode);
        Path target = creatable(path);
        Set<OpenOption> options = switch (mode) {
            case REPLACE -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            case CREATE_NEW -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS);
            case APPEND -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            case RESUME -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
        };
        try {
            FileChannel channel = FileChannel.open(target, options);
            if (mode == WriteMode.RESUME) {
                try {
                    // A resumed upload replaces whatever followed the restart point.
                    if (channel.size() > offset) {
                        channel.truncate(offset);
                    }
                    channel.position(offset);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            }
            return channel;
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void makeDirectory(VirtualPath path) throws FsException {
        Path target = creatable(path);
        try {
            Files.createDirectory(target);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void deleteFile(VirtualPath path) throws FsException {
        Path entry = entry(path);
        if (Files.isDirectory(entry, NO_FOLLOW)) {
            throw new FsException.IsADirectory();
        }
        try {
            Files.delete(entry);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void removeDirectory(VirtualPath path) throws FsException {
        Path entry = entry(path);
        if (!Files.isDirectory(entry, NO_FOLLOW)) {
            throw new FsException.NotADirectory();
        }
        try {
            Files.delete(entry);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void rename(VirtualPath from, VirtualPath to) throws FsException {
        Path source = entry(from);
        Path target = creatable(to);
        if (Files.isDirectory(target, NO_FOLLOW) && !source.equals(target)) {
            throw new FsException.AlreadyExists();
        }
        if (to.startsWith(from) && !to.equals(from)) {
            throw new FsException.AccessDenied(); // a directory cannot move into itself
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void setModified(VirtualPath path, Instant time) throws FsException {
        try {
            Files.setLastModifiedTime(existing(path), FileTime.from(time));
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public void setMode(VirtualPath path, int mode) throws FsException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(existing(path), perms);
        } catch (UnsupportedOperationException e) {
            throw new FsException.AccessDenied();
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public long availableSpace(VirtualPath path) throws FsException {
        try {
            return Files.getFileStore(existing(path)).getUsableSpace();
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    @Override
    public int usedPercent(VirtualPath path) throws FsException {
        try {
            FileStore store = Files.getFileStore(existing(path));
            long total = store.getTotalSpace();
            long used = total - store.getUnallocatedSpace();
            long usable = store.getUsableSpace();
            if (total <= 0 || used < 0 || used + usable <= 0) {
                return -1;
            }
            return (int) Math.ceilDiv(used * 100, used + usable);
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    /** The host path a virtual path names before any link is followed; always below the root. */
    private Path lexical(VirtualPath path) throws FsException.InvalidName {
        Path p = root;
        for (String segment : path.segments()) {
            p = resolveName(p, segment);
        }
        return p;
    }

    /**
     * One name below a host directory. The JDK refuses names it cannot encode in the host's
     * file-name charset (non-ASCII under a C/POSIX locale) with an unchecked exception; that is
     * a name the host cannot store, so 553, not a local error.
     */
    private static Path resolveName(Path directory, String name) throws FsException.InvalidName {
        try {
            return directory.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new FsException.InvalidName("not representable on this host");
        }
    }

    /** The real location of an existing object, with every link followed and checked. */
    private Path existing(VirtualPath path) throws FsException {
        Path real;
        try {
            real = lexical(path).toRealPath();
        } catch (IOException e) {
            throw FsException.from(e);
        }
        if (!permitted(real)) {
            throw new FsException.NotFound(); // do not confirm what lies outside the jail
        }
        return real;
    }

    /** The object itself (a link stays a link), in a parent that was resolved and checked. */
    private Path entry(VirtualPath path) throws FsException {
        if (path.isRoot()) {
            throw new FsException.AccessDenied();
        }
        Path entry = resolveName(existingDirectory(path.parent()), path.name());
        if (!Files.exists(entry, NO_FOLLOW)) {
            throw new FsException.NotFound();
        }
        return entry;
    }

    /** Where a new object with this name would go; an existing link is followed only if permitted. */
    private Path creatable(VirtualPath path) throws FsException {
        if (path.isRoot()) {
            throw new FsException.AccessDenied();
        }
        Path target = resolveName(existingDirectory(path.parent()), path.name());
        if (Files.isSymbolicLink(target)) {
            try {
                Path real = target.toRealPath();
                if (!permitted(real)) {
                    throw new FsException.AccessDenied();
                }
                return real;
            } catch (IOException e) {
                throw new FsException.AccessDenied(); // a dangling link would create a file wherever it points
            }
        }
        return target;
    }

    private Path existingDirectory(VirtualPath path) throws FsException {
        Path dir = existing(path);
        if (!Files.isDirectory(dir)) {
            throw new FsException.NotADirectory();
        }
        return dir;
    }

    private boolean permitted(Path real) {
        return links == SymlinkPolicy.ANYWHERE || real.startsWith(root);
    }

    private static FileEntry entryFor(String name, Path real) throws FsException {
        try {
            if (UNIX_VIEW) {
                return fromUnixAttributes(name, real, Files.readAttributes(real, UNIX_ATTRIBUTES, NO_FOLLOW));
            }
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, NO_FOLLOW);
            FileKind kind = a.isDirectory() ? FileKind.DIRECTORY : a.isRegularFile() ? FileKind.FILE : FileKind.OTHER;
            Object key = a.fileKey();
            return new FileEntry(name, kind, a.size(), a.lastModifiedTime().toInstant(), -1, 1, "ftp", "ftp",
                    Integer.toHexString(key != null ? key.hashCode() : real.hashCode()));
        } catch (IOException e) {
            throw FsException.from(e);
        }
    }

    private static FileEntry fromUnixAttributes(String name, Path real, Map<String, Object> a) {
        UnixStat stat = new UnixStat((Integer) a.get("mode"), (Long) a.get("dev"), (Long) a.get("ino"),
                ((Integer) a.get("nlink")).longValue(), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant());
        return fromUnixStat(name, stat, null, real);
    }

    /**
     * @param object the object's path, or null to resolve {@code name} in {@code directory}:
     *               owner look-ups are rare (cached per id), so a listing builds no path for them
     */
    private static FileEntry fromUnixStat(String name, UnixStat stat, Path directory, Path object) {
        int uid = stat.uid();
        int gid = stat.gid();
        String owner = OWNER_NAMES.user(uid,
                () -> lookupOwner(object != null ? object : directory.resolve(name), uid));
        String group = OWNER_NAMES.group(gid,
                () -> lookupGroup(object != null ? object : directory.resolve(name), gid));
        return new FileEntry(name, stat.kind(), stat.size(), stat.modified(), stat.mode() & 07777,
                stat.links(), owner, group, stat.unique());
    }

    private static String lookupOwner(Path real, int uid) {
        try {
            return Files.getOwner(real, NO_FOLLOW).getName();
        } catch (IOException e) {
            return Integer.toString(uid);
        }
    }

    private static String lookupGroup(Path real, int gid) {
        try {
            return Files.readAttributes(real, PosixFileAttributes.class, NO_FOLLOW).group().getName();
        } catch (IOException e) {
            return Integer.toString(gid);
        }
    }
}
