package dev.ferry.fs;

/**
 * Why a storage operation failed, in terms the protocol can answer
 * ({@link dev.ferry.reply.ErrorMapper} turns each kind into a reply code). Messages never
 * contain host paths: they are safe to show a client.
 */
public sealed abstract class FsException extends Exception {

    protected FsException(String message) {
        super(message, null, false, false);
    }

    protected FsException(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** The one translation from the JDK's I/O exceptions to what the protocol can say. */
    public static FsException from(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> new NotFound();
            case java.nio.file.FileAlreadyExistsException x -> new AlreadyExists();
            case java.nio.file.AccessDeniedException x -> new AccessDenied();
            case java.nio.file.DirectoryNotEmptyException x -> new NotEmpty();
            case java.nio.file.NotDirectoryException x -> new NotADirectory();
            case java.nio.file.FileSystemException x when reason(x).contains("No space left") -> new NoSpace();
            case java.nio.file.FileSystemException x when reason(x).contains("Disk quota exceeded") -> new NoSpace();
            case java.nio.file.FileSystemException x when reason(x).contains("Not a directory") -> new NotADirectory();
            case java.nio.file.FileSystemException x when reason(x).contains("Is a directory") -> new IsADirectory();
            case java.nio.file.FileSystemException x when reason(x).contains("symbolic links") -> new AccessDenied();
            // ENAMETOOLONG: a path within the protocol's limits that the host still cannot hold
            // (its PATH_MAX counts the home directory's prefix too). A bad name, not a server fault.
            case java.nio.file.FileSystemException x when reason(x).contains("File name too long") ->
                    new InvalidName("name too long");
            case java.nio.file.FileSystemException x when reason(x).contains("Operation not permitted") -> new AccessDenied();
            default -> e.getMessage() != null && e.getMessage().contains("No space left") ? new NoSpace() : new IoFailure(e);
        };
    }

    private static String reason(java.nio.file.FileSystemException e) {
        return e.getReason() == null ? "" : e.getReason();
    }

    public static final class NotFound extends FsException {
        public NotFound() {
            super("No such file or directory");
        }
    }

    public static final class AlreadyExists extends FsException {
        public AlreadyExists() {
            super("File exists");
        }
    }

    public static final class NotADirectory extends FsException {
        public NotADirectory() {
            super("Not a directory");
        }
    }

    public static final class IsADirectory extends FsException {
        public IsADirectory() {
            super("Is a directory");
        }
    }

    public static final class NotEmpty extends FsException {
        public NotEmpty() {
            super("Directory not empty");
        }
    }

    public static final class AccessDenied extends FsException {
        public AccessDenied() {
            super("Permission denied");
        }
    }

    /** The name itself is unacceptable (control characters, too long, reserved). */
    public static final class InvalidName extends FsException {
        public InvalidName(String why) {
            super("Invalid file name: " + why);
        }
    }

    public static final class NoSpace extends FsException {
        public NoSpace() {
            super("No space left on device");
        }
    }

    /** Anything else; the cause is logged, never sent. */
    public static final class IoFailure extends FsException {
        public IoFailure(Throwable cause) {
            super("Local I/O error", cause);
        }
    }
}
