package dev.ferry.command.listing;

import dev.ferry.data.DataConnection;
import dev.ferry.data.TransferEngine;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sends listing lines, CRLF-terminated and UTF-8 encoded, over the data connection. */
final class ListingJob implements TransferJob {
    private final byte[] payload;
    private final String what;

    ListingJob(List<String> lines, String what) {
        StringBuilder out = new StringBuilder(lines.size() * 64);
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        this.payload = out.toString().getBytes(StandardCharsets.UTF_8);
        this.what = what;
    }

    @Override
    public String openingText() {
        return "Here comes the " + what;
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException {
        TransferEngine.sendBytes(payload, connection.channel(), progress);
        connection.channel().shutdownOutput();
        return Reply.of(ReplyCode.CLOSING_DATA, "Transfer complete");
    }

    @Override
    public void release() {
        // nothing held
    }
}
