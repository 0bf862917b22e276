package dev.ferry.config.file;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell wildcard for one file name, with fnmatch(3) semantics as ProFTPD's Include uses them: {@code *} and
 * {@code ?} match any characters except that a leading {@code .} must be matched literally (FNM_PERIOD),
 * {@code [abc]}, {@code [a-z]} and {@code [!a-z]} match one character from a set, a backslash makes the next
 * character literal, and a {@code [} without its {@code ]} is an ordinary character.
 */
final class FileNamePattern {

    private sealed interface Element {
    }

    private record Literal(int codePoint) implements Element {
    }

    private record AnyOne() implements Element {
    }

    private record AnyRun() implements Element {
    }

    private record OneOf(List<int[]> ranges, boolean negated) implements Element {
        boolean contains(int codePoint) {
            boolean inside = false;
            for (int[] range : ranges) {
                if (codePoint >= range[0] && codePoint <= range[1]) {
                    inside = true;
                    break;
                }
            }
            return inside != negated;
        }
    }

    private final List<Element> elements;

    private FileNamePattern(List<Element> elements) {
        this.elements = elements;
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    static FileNamePattern compile(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (c == '*') {
                elements.add(new AnyRun());
                i++;
            } else if (c == '?') {
                elements.add(new AnyOne());
                i++;
            } else if (c == '\\' && i + 1 < cps.length) {
                elements.add(new Literal(cps[i + 1]));
                i += 2;
            } else if (c == '[') {
                int end = classEnd(cps, i);
                if (end < 0) {
                    elements.add(new Literal(c));
                    i++;
                } else {
                    elements.add(parseClass(cps, i + 1, end));
                    i = end + 1;
                }
            } else {
                elements.add(new Literal(c));
                i++;
            }
        }
        return new FileNamePattern(List.copyOf(elements));
    }

    /** Index of the {@code ]} closing the set that opens at {@code open}, or -1. */
    private static int classEnd(int[] cps, int open) {
        int i = open + 1;
        if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
            i++;
        }
        if (i < cps.length && cps[i] == ']') {
            i++;
        }
        while (i < cps.length && cps[i] != ']') {
            i++;
        }
        return i < cps.length ? i : -1;
    }

    private static OneOf parseClass(int[] cps, int from, int end) {
        boolean negated = cps[from] == '!' || cps[from] == '^';
        int i = negated ? from + 1 : from;
        List<int[]> ranges = new ArrayList<>();
        while (i < end) {
            int low = cps[i];
            if (i + 2 < end && cps[i + 1] == '-') {
                ranges.add(new int[] {low, cps[i + 2]});
                i += 3;
            } else {
                ranges.add(new int[] {low, low});
                i++;
            }
        }
        return new OneOf(ranges, negated);
    }

    boolean matches(String name) {
        int[] text = name.codePoints().toArray();
        if (text.length > 0 && text[0] == '.' && !(!elements.isEmpty() && elements.getFirst() instanceof Literal literal
                && literal.codePoint() == '.')) {
            return false;
        }
        // Greedy matching with one backtrack point per star: linear enough for file names.
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length) {
            if (p < elements.size() && matchesOne(elements.get(p), text[t])) {
                p++;
                t++;
            } else if (p < elements.size() && elements.get(p) instanceof AnyRun) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < elements.size() && elements.get(p) instanceof AnyRun) {
            p++;
        }
        return p == elements.size();
    }

    private static boolean matchesOne(Element element, int codePoint) {
        return switch (element) {
            case Literal literal -> literal.codePoint() == codePoint;
            case AnyOne any -> true;
            case OneOf set -> set.contains(codePoint);
            case AnyRun run -> false;
        };
    }
}
