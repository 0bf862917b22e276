package dev.ferry.reply;

/**
 * A command cannot be carried out; {@link #reply()} is what the client is told. Thrown by
 * handlers for protocol-level refusals (bad argument, bad sequence, not permitted). Storage
 * failures are {@link dev.ferry.fs.FsException}s and go through {@link ErrorMapper}.
 */
public final class FtpException extends Exception {
    private final transient Reply reply;

    public FtpException(int code, String text) {
        super(code + " " + text, null, false, false);
        this.reply = Reply.of(code, text);
    }

    public Reply reply() {
        return reply;
    }

    public static FtpException syntax(String text) {
        return new FtpException(ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS, text);
    }

    public static FtpException badSequence(String text) {
        return new FtpException(ReplyCode.BAD_SEQUENCE, text);
    }

    public static FtpException notImplementedForParameter(String text) {
        return new FtpException(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, text);
    }

    public static FtpException denied() {
        return new FtpException(ReplyCode.FILE_UNAVAILABLE, "Permission denied");
    }
}
