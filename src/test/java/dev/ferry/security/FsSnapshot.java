package dev.ferry.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A host directory tree as data: every entry (never following links) with its type, size,
 * modification time, permission bits, link target and content hash. Two snapshots compare equal
 * exactly when nothing was created, deleted, renamed, written, chmod'ed or touched.
 */
final class FsSnapshot {
    private FsSnapshot() {
    }

    /**
     * @param root    the tree to record
     * @param skip    entries (and, for directories, their subtrees) to leave out
     * @param noMtime directories whose own modification time is not recorded (e.g. one holding
     *                a database that may create and remove journal files)
     */
    static Map<String, String> of(Path root, Predicate<Path> skip, Predicate<Path> noMtime) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> {
                for (Path q = p; q != null && q.startsWith(root); q = q.getParent()) {
                    if (skip.test(q)) {
                        return;
                    }
                }
                out.put(root.relativize(p).toString(), describe(p, noMtime.test(p)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, String> of(Path root) {
        return of(root, p -> false, p -> false);
    }

    private static String describe(Path p, boolean noMtime) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            StringBuilder d = new StringBuilder();
            if (a.isSymbolicLink()) {
                return "link->" + Files.readSymbolicLink(p);
            }
            d.append(a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other");
            PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            d.append(' ').append(PosixFilePermissions.toString(posix.permissions()));
            if (!(a.isDirectory() && noMtime)) {
                d.append(' ').append(a.lastModifiedTime().toMillis());
            }
            if (a.isRegularFile()) {
                d.append(' ').append(a.size()).append(' ').append(sha256(Files.readAllBytes(p)));
            }
            return d.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
