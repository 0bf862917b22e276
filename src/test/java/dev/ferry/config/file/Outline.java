package dev.ferry.config.file;

import java.util.List;

/** A compact, location-bearing rendering of a tree for exact assertions: "line Name [arg, arg]", indented. */
final class Outline {

    private Outline() {
    }

    static String of(List<ConfigNode> nodes) {
        StringBuilder out = new StringBuilder();
        append(nodes, 0, out);
        return out.toString();
    }

    private static void append(List<ConfigNode> nodes, int depth, StringBuilder out) {
        for (ConfigNode node : nodes) {
            out.append("  ".repeat(depth)).append(node.at().line()).append(' ').append(node.name()).append(' ')
                    .append(node.args()).append('\n');
            if (node instanceof Section section) {
                append(section.children(), depth + 1, out);
            }
        }
    }

    /** The tree without locations, to compare trees parsed from different texts. */
    static String shape(List<ConfigNode> nodes) {
        StringBuilder out = new StringBuilder();
        appendShape(nodes, 0, out);
        return out.toString();
    }

    private static void appendShape(List<ConfigNode> nodes, int depth, StringBuilder out) {
        for (ConfigNode node : nodes) {
            out.append("  ".repeat(depth)).append(node instanceof Section ? "<" : "").append(node.name());
            for (String arg : node.args()) {
                out.append(" \u00ab").append(arg).append('\u00bb');
            }
            out.append('\n');
            if (node instanceof Section section) {
                appendShape(section.children(), depth + 1, out);
            }
        }
    }
}
