package dev.ferry.server.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin socket's line protocol, for both ends. The client sends one line, the command
 * ({@code reload}); the server answers with lines {@code ok TEXT} or {@code error TEXT}, then
 * the line {@code end}, and closes the connection. Lines are UTF-8 and end with LF (a CR before
 * it is ignored). A command the server does not know is answered {@code error unknown command};
 * so a client can tell an older server from a failed command, and commands such as {@code who}
 * or {@code shutdown} can be added without changing the format.
 */
public final class AdminProtocol {
    /** Longest command line the server reads; longer ones are refused unread. */
    public static final int MAX_COMMAND_BYTES = 256;
    /** Longest answer line the client reads. */
    static final int MAX_ANSWER_LINE_BYTES = 64 * 1024;
    /** Most answer lines the client reads. */
    static final int MAX_ANSWER_LINES = 10_000;
    static final String OK = "ok ";
    static final String ERROR = "error ";
    static final String END = "end";

    private AdminProtocol() {
    }

    /** The lines that carry {@code answer}, each ending with LF, {@code end} last. */
    static String encode(AdminAnswer answer) {
        String prefix = answer instanceof AdminAnswer.Done ? OK : ERROR;
        StringBuilder out = new StringBuilder();
        for (String line : answer.lines()) {
            // one line stays one line, whatever a configuration file's error message contains
            out.append(prefix).append(line.replace('\r', ' ').replace('\n', ' ')).append('\n');
        }
        return out.append(END).append('\n').toString();
    }

    /**
     * The answer that {@code lines} (without {@code end}) carry: a failure if any line is an
     * {@code error} line, each line's text without its prefix.
     *
     * @throws IOException if a line is neither {@code ok} nor {@code error}
     */
    static AdminAnswer decode(List<String> lines) throws IOException {
        List<String> texts = new ArrayList<>();
        boolean failed = false;
        for (String line : lines) {
            if (line.startsWith(OK)) {
                texts.add(line.substring(OK.length()));
            } else if (line.startsWith(ERROR)) {
                texts.add(line.substring(ERROR.length()));
                failed = true;
            } else {
                throw new IOException("unexpected answer from the server: " + line);
            }
        }
        return failed ? new AdminAnswer.Failed(texts) : new AdminAnswer.Done(texts);
    }
}
