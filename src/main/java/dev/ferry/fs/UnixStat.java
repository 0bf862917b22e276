package dev.ferry.fs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The fields of one {@code lstat()} result that a listing shows (POSIX {@code <sys/stat.h>}),
 * whichever way they were read: the JDK's "unix" attribute view or a direct libc call.
 *
 * @param mode     {@code st_mode}: file type and permission bits
 * @param device   {@code st_dev}
 * @param inode    {@code st_ino}
 * @param links    {@code st_nlink}
 * @param uid      {@code st_uid}
 * @param gid      {@code st_gid}
 * @param size     {@code st_size}
 * @param modified {@code st_mtim}
 */
record UnixStat(int mode, long device, long inode, long links, int uid, int gid, long size, Instant modified) {
    static final int TYPE_MASK = 0170000;
    static final int TYPE_DIRECTORY = 0040000;
    static final int TYPE_FILE = 0100000;
    static final int TYPE_LINK = 0120000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    UnixStat {
        if (modified == null) {
            throw new IllegalArgumentException("modification time missing");
        }
    }

    boolean isLink() {
        return (mode & TYPE_MASK) == TYPE_LINK;
    }

    FileKind kind() {
        int type = mode & TYPE_MASK;
        return type == TYPE_DIRECTORY ? FileKind.DIRECTORY : type == TYPE_FILE ? FileKind.FILE : FileKind.OTHER;
    }

    /**
     * RFC 3659 §7.5.2 "unique": device and inode, which together name one object, as
     * {@code hex(dev) + "g" + hex(ino)}; written digit by digit, as every listed entry needs one.
     */
    String unique() {
        byte[] text = new byte[33];
        int at = hex(text, 0, device);
        text[at++] = 'g';
        at = hex(text, at, inode);
        return new String(text, 0, at, StandardCharsets.ISO_8859_1);
    }

    private static int hex(byte[] out, int at, long value) {
        int digits = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out[at++] = (byte) HEX[(int) (value >>> shift) & 0xf];
        }
        return at;
    }
}
