package dev.ferry.config.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the argument of ProFTPD's {@code Include} directive into the files to read, in order. A relative path
 * is taken from the directory of the including file. Wildcards ({@code *}, {@code ?}, {@code [...]}) are
 * allowed in the last path component and may match nothing; a plain path must exist; a directory stands for
 * every regular file directly inside it. Matches are read in file-name order, and only regular files (after
 * following symbolic links) are read, so sub-directories next to the included files are passed over.
 */
final class IncludeResolver {

    /** The files to read, or why there are none. */
    sealed interface Resolution {
    }

    record Found(List<Path> files) implements Resolution {
    }

    record Failed(String message) implements Resolution {
    }

    private static final Comparator<Path> BY_FILE_NAME = Comparator.comparing(path -> path.getFileName().toString());

    private IncludeResolver() {
    }

    static Resolution resolve(String argument, Path includingDirectory) {
        if (argument.isEmpty()) {
            return new Failed("empty path after Include");
        }
        Path path;
        try {
            path = includingDirectory.resolve(argument).normalize();
        } catch (InvalidPathException e) {
            return new Failed("invalid Include path '" + argument + "': " + e.getReason());
        }
        Path name = path.getFileName();
        if (name == null) {
            return listDirectory(path);
        }
        Path parent = path.getParent();
        if (parent != null) {
            for (Path component : parent) {
                if (FileNamePattern.hasWildcard(component.toString())) {
                    return new Failed("wildcards are only allowed in the last component of an Include path: '"
                            + argument + "'");
                }
            }
        }
        if (FileNamePattern.hasWildcard(name.toString())) {
            return expandWildcard(path, parent, FileNamePattern.compile(name.toString()));
        }
        if (Files.isDirectory(path)) {
            return listDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            return new Found(List.of(path));
        }
        if (Files.exists(path)) {
            return new Failed("included path " + path + " is neither a regular file nor a directory");
        }
        return new Failed("included file " + path + " does not exist");
    }

    private static Resolution expandWildcard(Path pattern, Path directory, FileNamePattern names) {
        if (directory == null || !Files.isDirectory(directory)) {
            return new Failed("directory of Include pattern " + pattern + " does not exist");
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (names.matches(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                    matches.add(entry);
                }
            }
        } catch (IOException e) {
            return new Failed("cannot list directory " + directory + " of Include pattern " + pattern + ": "
                    + describe(e));
        }
        matches.sort(BY_FILE_NAME);
        return new Found(List.copyOf(matches));
    }

    private static Resolution listDirectory(Path directory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            return new Failed("cannot list included directory " + directory + ": " + describe(e));
        }
        files.sort(BY_FILE_NAME);
        return new Found(List.copyOf(files));
    }

    static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or directory";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
