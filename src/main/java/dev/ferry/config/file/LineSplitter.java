package dev.ferry.config.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a configuration file into logical lines, as ProFTPD's configuration reader does: LF or CRLF line
 * ends, and a line whose last character is a backslash continues on the next physical line (the backslash and
 * the line break are removed, nothing else). Comment lines never continue, so a stray backslash at the end of
 * a comment cannot swallow the directive below it. Files must be UTF-8 without NUL bytes; a bad line is
 * reported and dropped so that the rest of the file is still checked.
 */
final class LineSplitter {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private LineSplitter() {
    }

    static List<LogicalLine> split(byte[] content, Path file, ErrorList errors) {
        List<String> physical = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        int number = 1;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            physical.add(decodeLine(content, start, end, decoder, new SourceLocation(file, number), errors));
            start = end + 1;
            number++;
        }
        return join(physical, file, errors);
    }

    static List<LogicalLine> split(String content, Path file, ErrorList errors) {
        List<String> physical = new ArrayList<>();
        int start = 0;
        int number = 1;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            if (end < 0) {
                end = content.length();
            }
            String line = content.substring(start, end);
            if (line.indexOf('\0') >= 0) {
                errors.add(new SourceLocation(file, number), "line contains a NUL byte");
                line = "";
            }
            physical.add(line);
            start = end + 1;
            number++;
        }
        return join(physical, file, errors);
    }

    private static String decodeLine(byte[] content, int start, int end, CharsetDecoder decoder,
            SourceLocation at, ErrorList errors) {
        for (int i = start; i < end; i++) {
            if (content[i] == 0) {
                errors.add(at, "line contains a NUL byte");
                return "";
            }
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(content, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            errors.add(at, "line is not valid UTF-8");
            return "";
        }
    }

    private static List<LogicalLine> join(List<String> physical, Path file, ErrorList errors) {
        List<LogicalLine> logical = new ArrayList<>();
        StringBuilder pending = null;
        int pendingStart = 0;
        for (int i = 0; i < physical.size(); i++) {
            String line = stripCarriageReturn(physical.get(i));
            if (i == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                line = line.substring(1);
            }
            if (pending == null) {
                pendingStart = i + 1;
                if (isComment(line) || !line.endsWith("\\")) {
                    logical.add(new LogicalLine(pendingStart, line));
                    continue;
                }
                pending = new StringBuilder();
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
            } else {
                pending.append(line);
                logical.add(new LogicalLine(pendingStart, pending.toString()));
                pending = null;
            }
        }
        if (pending != null) {
            errors.add(new SourceLocation(file, pendingStart),
                    "line ends with a continuation backslash but the file ends there");
            logical.add(new LogicalLine(pendingStart, pending.toString()));
        }
        return logical;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean isComment(String line) {
        String stripped = line.stripLeading();
        return stripped.startsWith("#");
    }
}
