package dev.ferry.command.listing;

import dev.ferry.data.DataConnection;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends listing lines, CRLF-terminated and UTF-8 encoded, over the data connection. Lines are
 * encoded into one reused chunk as they go out, so a large listing is neither copied whole
 * into a builder, a String and a byte array first, nor waits for all of that before its first
 * byte leaves: the client reads one chunk while the next is encoded.
 */
final class ListingJob implements TransferJob {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final List<String> lines;
    private final String what;

    ListingJob(List<String> lines, String what) {
        this.lines = List.copyOf(lines);
        this.what = what;
    }

    @Override
    public String openingText() {
        return "Here comes the " + what;
    }

    @Override
    public Reply run(DataConnection connection, TransferProgress progress) throws IOException {
        WritableByteChannel out = connection.channel();
        connection.cork();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (chunk.remaining() < bytes.length + 2) {
                send(chunk.flip(), out, progress);
                chunk.clear();
                if (chunk.remaining() < bytes.length + 2) {
                    send(ByteBuffer.wrap(bytes), out, progress); // a line longer than a chunk
                    bytes = new byte[0];
                }
            }
            chunk.put(bytes).put((byte) '\r').put((byte) '\n');
        }
        send(chunk.flip(), out, progress);
        connection.finishOutput();
        return Reply.of(ReplyCode.CLOSING_DATA, "Transfer complete");
    }

    private static void send(ByteBuffer buffer, WritableByteChannel out, TransferProgress progress) throws IOException {
        while (buffer.hasRemaining()) {
            progress.add(out.write(buffer));
        }
    }

    @Override
    public void release() {
        // nothing held
    }
}
