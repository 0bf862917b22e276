package dev.ferry.config.file;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one logical line the way ProFTPD's word splitter does: words separated by whitespace; a word that
 * starts with a double quote runs to the next unescaped double quote and may hold spaces, with a backslash
 * taking the next character literally; an unquoted word that starts with {@code #} begins a trailing comment
 * (so {@code welcome#1.msg} is data but {@code PassivePorts 60000 65535 # safe} ends after {@code 65535}).
 * Stricter than ProFTPD: an unterminated quote, a quote inside an unquoted word and text glued to a closing
 * quote are errors rather than guesses. {@code %{env:NAME}} in an argument is replaced by the variable's value,
 * or by nothing when it is unset, as current ProFTPD releases do.
 */
final class LineTokenizer {

    private static final String ENV_START = "%{env:";

    private final Function<String, String> environment;

    LineTokenizer(Function<String, String> environment) {
        this.environment = environment;
    }

    LineContent read(String line) {
        Cursor cursor = new Cursor(line);
        cursor.skipWhitespace();
        if (cursor.atEnd() || cursor.peek() == '#') {
            return new LineContent.Nothing();
        }
        try {
            if (cursor.peek() == '<') {
                cursor.advance();
                if (!cursor.atEnd() && cursor.peek() == '/') {
                    cursor.advance();
                    return readCloser(cursor);
                }
                return readOpener(cursor);
            }
            return readDirective(cursor);
        } catch (Malformation e) {
            return new LineContent.Malformed(e.getMessage(), e.recovered);
        }
    }

    private LineContent readDirective(Cursor cursor) throws Malformation {
        if (cursor.peek() == '"') {
            throw new Malformation("a directive name cannot be quoted");
        }
        String name = cursor.takeUntilWhitespace();
        if (!isName(name)) {
            throw new Malformation("'" + name + "' is not a directive name (letters, digits and '_' only)");
        }
        return new LineContent.DirectiveLine(name, readArguments(cursor, false));
    }

    private LineContent readOpener(Cursor cursor) throws Malformation {
        String name = cursor.takeName();
        if (name.isEmpty() && (cursor.atEnd() || isWhitespace(cursor.peek()) || cursor.peek() == '>')) {
            throw new Malformation("'<' must be followed by a section name");
        }
        if (!isName(name) || (!cursor.atEnd() && !isWhitespace(cursor.peek()) && cursor.peek() != '>')) {
            throw new Malformation("'<" + name + cursor.takeUntilWhitespace()
                    + "' is not a section name (letters, digits and '_' only)");
        }
        List<String> args;
        try {
            args = readArguments(cursor, true);
        } catch (Malformation e) {
            throw new Malformation(e.getMessage(), new LineContent.Opener(name, List.of()));
        }
        LineContent.Opener opener = new LineContent.Opener(name, args);
        if (cursor.atEnd()) {
            throw new Malformation("<" + name + "> is missing its closing '>'", opener);
        }
        cursor.advance();
        requireNothingAfterBracket(cursor, "<" + name + ">", opener);
        return opener;
    }

    private static LineContent readCloser(Cursor cursor) throws Malformation {
        String name = cursor.takeName();
        if (name.isEmpty()) {
            throw new Malformation("'</' must be followed by a section name");
        }
        if (!isName(name) || (!cursor.atEnd() && !isWhitespace(cursor.peek()) && cursor.peek() != '>')) {
            throw new Malformation("'</" + name + cursor.takeUntilWhitespace()
                    + "' is not a section name (letters, digits and '_' only)");
        }
        LineContent.Closer closer = new LineContent.Closer(name);
        cursor.skipWhitespace();
        if (cursor.atEnd()) {
            throw new Malformation("</" + name + "> is missing its closing '>'", closer);
        }
        if (cursor.peek() != '>') {
            throw new Malformation("</" + name + "> takes no arguments", closer);
        }
        cursor.advance();
        requireNothingAfterBracket(cursor, "</" + name + ">", closer);
        return closer;
    }

    private static void requireNothingAfterBracket(Cursor cursor, String tag, LineContent meant)
            throws Malformation {
        cursor.skipWhitespace();
        if (!cursor.atEnd() && cursor.peek() != '#') {
            throw new Malformation("unexpected text after " + tag + ": '" + cursor.rest() + "'", meant);
        }
    }

    /**
     * Reads words up to the end of the line, or, in a section opener, up to the unquoted {@code >} (left
     * unconsumed). A trailing comment ends the words either way.
     */
    private List<String> readArguments(Cursor cursor, boolean opener) throws Malformation {
        List<String> args = new ArrayList<>();
        while (true) {
            cursor.skipWhitespace();
            if (cursor.atEnd() || cursor.peek() == '#' || (opener && cursor.peek() == '>')) {
                if (!cursor.atEnd() && cursor.peek() == '#') {
                    cursor.skipToEnd();
                }
                return args;
            }
            String word = cursor.peek() == '"' ? readQuoted(cursor, opener) : readBare(cursor, opener);
            args.add(expandEnvironment(word));
        }
    }

    private static String readQuoted(Cursor cursor, boolean opener) throws Malformation {
        cursor.advance();
        StringBuilder word = new StringBuilder();
        while (true) {
            if (cursor.atEnd()) {
                throw new Malformation("unterminated quoted string");
            }
            char c = cursor.take();
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (cursor.atEnd()) {
                    throw new Malformation("unterminated quoted string");
                }
                c = cursor.take();
            }
            word.append(c);
        }
        if (!cursor.atEnd() && !isWhitespace(cursor.peek()) && !(opener && cursor.peek() == '>')) {
            throw new Malformation("unexpected text after closing quote: '" + cursor.rest() + "'");
        }
        return word.toString();
    }

    private static String readBare(Cursor cursor, boolean opener) throws Malformation {
        StringBuilder word = new StringBuilder();
        while (!cursor.atEnd() && !isWhitespace(cursor.peek()) && !(opener && cursor.peek() == '>')) {
            char c = cursor.take();
            if (c == '"') {
                throw new Malformation("unexpected '\"' inside the unquoted argument '" + word + c
                        + "...' (quote the whole argument)");
            }
            word.append(c);
        }
        return word.toString();
    }

    private String expandEnvironment(String word) throws Malformation {
        int start = word.indexOf(ENV_START);
        if (start < 0) {
            return word;
        }
        StringBuilder expanded = new StringBuilder();
        int from = 0;
        while (start >= 0) {
            int end = word.indexOf('}', start + ENV_START.length());
            if (end < 0) {
                throw new Malformation("unterminated " + ENV_START + "...} in '" + word + "'");
            }
            String variable = word.substring(start + ENV_START.length(), end);
            if (variable.isEmpty()) {
                throw new Malformation("empty variable name in " + ENV_START + "} in '" + word + "'");
            }
            String value = environment.apply(variable);
            if (value == null) {
                value = "";
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                throw new Malformation("environment variable " + variable + " holds a line break or NUL");
            }
            expanded.append(word, from, start).append(value);
            from = end + 1;
            start = word.indexOf(ENV_START, from);
        }
        return expanded.append(word, from, word.length()).toString();
    }

    static boolean isName(String text) {
        if (text.isEmpty() || !isAsciiLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!isNameChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    /** A problem with the current line; only ever caught by {@link #read}. */
    private static final class Malformation extends Exception {
        final LineContent recovered;

        Malformation(String message) {
            this(message, null);
        }

        Malformation(String message, LineContent recovered) {
            super(message, null, false, false);
            this.recovered = recovered;
        }
    }

    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void advance() {
            pos++;
        }

        char take() {
            return text.charAt(pos++);
        }

        void skipWhitespace() {
            while (!atEnd() && isWhitespace(peek())) {
                pos++;
            }
        }

        void skipToEnd() {
            pos = text.length();
        }

        String rest() {
            return text.substring(pos);
        }

        String takeUntilWhitespace() {
            int start = pos;
            while (!atEnd() && !isWhitespace(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String takeName() {
            int start = pos;
            while (!atEnd() && isNameChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }
    }
}
