package dev.ferry.reply;

import dev.ferry.fs.FsException;

/** The one place that turns a storage failure into a reply (RFC 959 §4.2 codes). */
public final class ErrorMapper {
    private ErrorMapper() {
    }

    public static Reply toReply(FsException e) {
        return switch (e) {
            case FsException.NotFound x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.AlreadyExists x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.NotADirectory x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.IsADirectory x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.NotEmpty x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.AccessDenied x -> Reply.of(ReplyCode.FILE_UNAVAILABLE, x.getMessage());
            case FsException.InvalidName x -> Reply.of(ReplyCode.NAME_NOT_ALLOWED, x.getMessage());
            case FsException.NoSpace x -> Reply.of(ReplyCode.INSUFFICIENT_STORAGE, "Insufficient storage space");
            case FsException.IoFailure x -> Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing");
        };
    }
}
