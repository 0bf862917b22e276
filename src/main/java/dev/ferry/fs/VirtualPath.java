package dev.ferry.fs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A path as the client sees it: absolute, normalised, UNIX-style, inside the user's root.
 * This is the only way to build a path from client input. Because {@code ..} is resolved
 * lexically against {@code /} and can never climb above it, a {@code VirtualPath} cannot name
 * anything outside the root; the file system maps it below its root and deals with symlinks.
 *
 * <p>Rejected outright: NUL and other control characters (they are never part of a legitimate
 * name and break listings and logs), paths longer than {@link #MAX_LENGTH} characters and
 * components longer than {@link #MAX_COMPONENT} bytes in UTF-8 (the host's NAME_MAX counts bytes:
 * 200 full-width letters are 600 bytes, which the host would refuse as a local error).
 * Backslashes and {@code %2e} are ordinary characters on a UNIX file system, so they stay literal
 * and cannot act as separators or dots.
 */
public final class VirtualPath implements Comparable<VirtualPath> {

    public static final int MAX_LENGTH = 4096;
    /** Longest name, in UTF-8 bytes (Linux NAME_MAX). */
    public static final int MAX_COMPONENT = 255;
    public static final VirtualPath ROOT = new VirtualPath(List.of());

    private final List<String> segments;
    private final String text;

    private VirtualPath(List<String> segments) {
        this.segments = segments;
        this.text = segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    /**
     * Resolves a client argument against this directory (RFC 959 pathname semantics: a leading
     * slash means from the root). An empty argument means this directory.
     *
     * @throws FsException.InvalidName for control characters or absurd lengths
     */
    public VirtualPath resolve(String clientPath) throws FsException.InvalidName {
        if (clientPath.length() > MAX_LENGTH) {
            throw new FsException.InvalidName("path too long");
        }
        for (int i = 0; i < clientPath.length(); i++) {
            char c = clientPath.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new FsException.InvalidName("control character in path");
            }
        }
        List<String> out = clientPath.startsWith("/") ? new ArrayList<>() : new ArrayList<>(segments);
        for (String part : clientPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            if (utf8Length(part) > MAX_COMPONENT) {
                throw new FsException.InvalidName("name too long");
            }
            out.add(part);
        }
        return new VirtualPath(Collections.unmodifiableList(out));
    }

    /** Bytes the name takes in UTF-8, the encoding names are stored in. */
    private static int utf8Length(String name) {
        int bytes = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A direct child; {@code name} must be a single, valid component. */
    public VirtualPath child(String name) throws FsException.InvalidName {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw new FsException.InvalidName("not a single name");
        }
        return resolve(name);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The parent directory; the root is its own parent (as {@code cd /..} is in UNIX). */
    public VirtualPath parent() {
        return segments.isEmpty() ? this : new VirtualPath(segments.subList(0, segments.size() - 1));
    }

    /** The last component, or "/" for the root. */
    public String name() {
        return segments.isEmpty() ? "/" : segments.getLast();
    }

    /** Components below the root, for mapping onto a real directory tree. */
    public List<String> segments() {
        return segments;
    }

    /** True if this is {@code other} or below it. */
    public boolean startsWith(VirtualPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VirtualPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public int compareTo(VirtualPath o) {
        return text.compareTo(o.text);
    }
}
