package dev.ferry.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message file an admin configures ({@code DisplayConnect}, {@code DisplayLogin},
 * {@code DisplayChdir}), read for sending as the continuation lines of a reply. Only the first
 * {@value #MAX_LINES} lines of at most {@value #MAX_BYTES} bytes are sent, control characters are
 * dropped (a line must not end a reply early), and a missing or unreadable file sends nothing.
 */
public final class MessageFile {
    private static final Logger LOG = LoggerFactory.getLogger(MessageFile.class);
    static final int MAX_LINES = 100;
    static final int MAX_BYTES = 16 * 1024;

    private MessageFile() {
    }

    public static List<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return List.of();
            }
            return lines(Files.readAllBytes(file));
        } catch (IOException e) {
            LOG.debug("message file {} not sent: {}", file, e.toString());
            return List.of();
        }
    }

    /**
     * The lines of a file opened by the caller (through the user's jail, for {@code DisplayChdir});
     * the channel is read from the start and not closed.
     */
    public static List<String> read(FileChannel file) {
        try {
            if (file.size() > MAX_BYTES) {
                return List.of();
            }
            ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES + 1);
            long position = 0;
            int n;
            while (buffer.hasRemaining() && (n = file.read(buffer, position)) > 0) {
                position += n;
            }
            if (buffer.position() > MAX_BYTES) {
                return List.of(); // grew while being read
            }
            return lines(Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (IOException e) {
            LOG.debug("message file not sent: {}", e.toString());
            return List.of();
        }
    }

    static List<String> lines(byte[] bytes) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (lines.size() == MAX_LINES) {
                break;
            }
            lines.add(line.replaceAll("[\\p{Cntrl}&&[^\t]]", ""));
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    /** The lines of {@code file} followed by {@code last}, as one multi-line reply's text. */
    public static List<String> withLast(Optional<Path> file, String last) {
        List<String> lines = new ArrayList<>(file.map(MessageFile::read).orElse(List.of()));
        lines.add(last);
        return lines;
    }
}
