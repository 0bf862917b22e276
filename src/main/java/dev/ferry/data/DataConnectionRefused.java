package dev.ferry.data;

import dev.ferry.reply.Reply;
import java.io.IOException;

/** A data connection was opened but may not be used; {@link #reply()} tells the client why. */
public final class DataConnectionRefused extends IOException {
    private final transient Reply reply;

    public DataConnectionRefused(Reply reply, Throwable cause) {
        super(reply.lines().getFirst(), cause);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
