package dev.ferry.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random cookie from a fortune(6) text file (Pure-FTPd's {@code -F}), for the greeting:
 * cookies are separated by lines that hold only "%". The cookie around a random byte of the
 * file is taken, reading at most {@value #WINDOW} bytes around it, so a large file costs no more
 * than a small one (longer cookies come up more often, as in Pure-FTPd). Sent as message-file
 * lines: control characters dropped, at most 100 lines; an unreadable or empty file sends nothing.
 */
final class FortuneCookie {
    private static final Logger LOG = LoggerFactory.getLogger(FortuneCookie.class);
    static final int WINDOW = 8 * 1024;

    private FortuneCookie() {
    }

    static List<String> pick(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size == 0) {
                return List.of();
            }
            long at = ThreadLocalRandom.current().nextLong(size);
            long start = Math.max(0, at - WINDOW / 2);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(WINDOW, size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // until the window is full or the file ends
            }
            return cookieAround(Arrays.copyOf(buffer.array(), buffer.position()), (int) (at - start), start == 0);
        } catch (IOException e) {
            LOG.debug("fortune file {} not read: {}", file, e.toString());
            return List.of();
        }
    }

    /** The cookie that holds byte {@code at} of {@code window}; the one after it when {@code at} is on a separator. */
    static List<String> cookieAround(byte[] window, int at, boolean fromFileStart) throws IOException {
        int begin = at;
        while (begin > 0 && !separatorEndsAt(window, begin)) {
            begin--;
        }
        if (begin == 0 && !fromFileStart && !separatorEndsAt(window, 0)) {
            begin = nextSeparatorEnd(window, at); // the window cut this cookie's start off: take the next one
        }
        if (begin < 0 || begin >= window.length) {
            return List.of();
        }
        int end = begin;
        while (end < window.length && !separatorStartsAt(window, end)) {
            end++;
        }
        List<String> lines = MessageFile.lines(Arrays.copyOfRange(window, begin, end));
        while (!lines.isEmpty() && lines.getFirst().isBlank()) {
            lines = lines.subList(1, lines.size());
        }
        return List.copyOf(lines);
    }

    /** Whether a cookie starts at {@code i}: the file's start, or just after a "%" line. */
    private static boolean separatorEndsAt(byte[] w, int i) {
        return i >= 2 && w[i - 1] == '\n' && w[i - 2] == '%' && (i == 2 || w[i - 3] == '\n')
                || i >= 3 && w[i - 1] == '\n' && w[i - 2] == '\r' && w[i - 3] == '%' && (i == 3 || w[i - 4] == '\n');
    }

    /** Whether a "%" line starts at {@code i} (at the window's start, or just after a line break). */
    private static boolean separatorStartsAt(byte[] w, int i) {
        return w[i] == '%' && (i == 0 || w[i - 1] == '\n')
                && (i + 1 == w.length || w[i + 1] == '\n' || w[i + 1] == '\r');
    }

    private static int nextSeparatorEnd(byte[] w, int from) {
        for (int i = Math.max(from, 1); i <= w.length; i++) {
            if (separatorEndsAt(w, i)) {
                return i;
            }
        }
        return -1;
    }
}
