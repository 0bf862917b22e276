package dev.ferry.command.listing;

import java.util.ArrayList;
import java.util.List;

/**
 * Shell wildcards in the last path component ({@code NLST *.txt}, as mget sends): {@code *},
 * {@code ?} and bracket expressions, with the POSIX fnmatch rules for brackets (a {@code ]}
 * right after {@code [} or {@code [!} is a member, {@code !} or {@code ^} negates, a {@code [}
 * without a closing {@code ]} is an ordinary character, a range written backwards matches
 * nothing, as in glibc).
 *
 * <p>Matching never backtracks more than once per star: the classic two-pointer algorithm that
 * remembers only the last {@code *}, so a hostile pattern such as {@code *a*a*a*a*a*b} costs
 * O(pattern × name) instead of the exponential time a backtracking regex would take.
 */
final class Glob {
    /** One pattern element: a literal code point, any one character, a bracket set, or a star. */
    private sealed interface Token {
    }

    private record Literal(int codePoint) implements Token {
    }

    private record AnyOne() implements Token {
    }

    private record Star() implements Token {
    }

    /** Members as ranges [low0, high0, low1, high1, ...]; {@code negate} inverts. */
    private record Bracket(int[] ranges, boolean negate) implements Token {
        boolean contains(int cp) {
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) {
                in = cp >= ranges[i] && cp <= ranges[i + 1];
            }
            return in != negate;
        }
    }

    private final Token[] tokens;

    private Glob(Token[] tokens) {
        this.tokens = tokens;
    }

    static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    static Glob compile(String glob) {
        int[] cps = glob.codePoints().toArray();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            switch (cps[i]) {
                case '*' -> {
                    if (out.isEmpty() || !(out.getLast() instanceof Star)) {
                        out.add(new Star()); // "**" is "*"
                    }
                }
                case '?' -> out.add(new AnyOne());
                case '[' -> {
                    int end = bracketEnd(cps, i);
                    if (end < 0) {
                        out.add(new Literal('['));
                    } else {
                        out.add(bracket(cps, i + 1, end));
                        i = end;
                    }
                }
                default -> out.add(new Literal(cps[i]));
            }
        }
        return new Glob(out.toArray(Token[]::new));
    }

    boolean matches(String name) {
        int[] s = name.codePoints().toArray();
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < s.length) {
            if (p < tokens.length && !(tokens[p] instanceof Star) && single(tokens[p], s[i])) {
                p++;
                i++;
            } else if (p < tokens.length && tokens[p] instanceof Star) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI; // let the last star take one more character
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] instanceof Star) {
            p++;
        }
        return p == tokens.length;
    }

    private static boolean single(Token token, int cp) {
        return switch (token) {
            case Literal l -> l.codePoint() == cp;
            case AnyOne a -> true;
            case Bracket b -> b.contains(cp);
            case Star s -> false;
        };
    }

    /** The index of the {@code ]} that closes the bracket opened at {@code open}, or -1. */
    private static int bracketEnd(int[] cps, int open) {
        int j = open + 1;
        if (j < cps.length && (cps[j] == '!' || cps[j] == '^')) {
            j++;
        }
        if (j < cps.length && cps[j] == ']') {
            j++; // a leading ']' is a member, not the end
        }
        for (; j < cps.length; j++) {
            if (cps[j] == ']') {
                return j;
            }
        }
        return -1;
    }

    /** The bracket expression between {@code from} (inclusive) and {@code end} (its ']'). */
    private static Bracket bracket(int[] cps, int from, int end) {
        boolean negate = cps[from] == '!' || cps[from] == '^';
        int k = negate ? from + 1 : from;
        List<Integer> ranges = new ArrayList<>();
        for (; k < end; k++) {
            if (k + 2 < end && cps[k + 1] == '-') {
                if (cps[k] <= cps[k + 2]) {
                    ranges.add(cps[k]);
                    ranges.add(cps[k + 2]);
                }
                k += 2;
            } else {
                ranges.add(cps[k]);
                ranges.add(cps[k]);
            }
        }
        return new Bracket(ranges.stream().mapToInt(Integer::intValue).toArray(), negate);
    }
}
