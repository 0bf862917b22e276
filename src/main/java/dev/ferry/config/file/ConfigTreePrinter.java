package dev.ferry.config.file;

import java.util.List;

/**
 * Prints a configuration tree back in canonical ProFTPD syntax: one node per line, two spaces of indentation
 * per section level, section names and directive names as written, and an argument double-quoted (with
 * {@code \"} and {@code \\} escapes) when it is empty or holds whitespace, a quote, a backslash, {@code >}, or
 * starts with {@code #}. Parsing the output gives the same tree again, apart from locations.
 */
public final class ConfigTreePrinter {

    private static final String INDENT = "  ";

    private ConfigTreePrinter() {
    }

    public static String print(List<ConfigNode> nodes) {
        StringBuilder out = new StringBuilder();
        print(nodes, 0, out);
        return out.toString();
    }

    private static void print(List<ConfigNode> nodes, int depth, StringBuilder out) {
        for (ConfigNode node : nodes) {
            out.append(INDENT.repeat(depth));
            switch (node) {
                case Directive directive -> {
                    out.append(directive.name());
                    appendArgs(directive.args(), out);
                    out.append('\n');
                }
                case Section section -> {
                    out.append('<').append(section.name());
                    appendArgs(section.args(), out);
                    out.append(">\n");
                    print(section.children(), depth + 1, out);
                    out.append(INDENT.repeat(depth)).append("</").append(section.name()).append(">\n");
                }
            }
        }
    }

    private static void appendArgs(List<String> args, StringBuilder out) {
        for (String arg : args) {
            out.append(' ').append(quoteIfNeeded(arg));
        }
    }

    static String quoteIfNeeded(String arg) {
        if (!needsQuotes(arg)) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static boolean needsQuotes(String arg) {
        if (arg.isEmpty() || arg.startsWith("#")) {
            return true;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (LineTokenizer.isWhitespace(c) || Character.isWhitespace(c) || c == '"' || c == '\\' || c == '>') {
                return true;
            }
        }
        return false;
    }
}
