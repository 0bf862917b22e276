package dev.ferry.session;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
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
        } catch (IOException e) {
            LOG.debug("message file {} not sent: {}", file, e.toString());
            return List.of();
        }
    }

    /** The lines of {@code file} followed by {@code last}, as one multi-line reply's text. */
    public static List<String> withLast(Optional<Path> file, String last) {
        List<String> lines = new ArrayList<>(file.map(MessageFile::read).orElse(List.of()));
        lines.add(last);
        return lines;
    }
}
