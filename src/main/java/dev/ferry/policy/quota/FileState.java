package dev.ferry.policy.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a quota counts at one host path: a regular file and its size, or nothing (no entry, a
 * directory, a symbolic link). Read without following links, so a link in the home never counts
 * what it points to.
 *
 * @param size the regular file's size, or -1 when there is none
 */
public record FileState(long size) {

    public static final FileState NONE = new FileState(-1);

    public static FileState of(Path host) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(host, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? new FileState(attributes.size()) : NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    public boolean isFile() {
        return size >= 0;
    }

    long files() {
        return isFile() ? 1 : 0;
    }

    long bytes() {
        return Math.max(0, size);
    }
}
