package dev.ferry.command.listing;

import java.util.regex.Pattern;

/** Shell wildcards in the last path component ({@code NLST *.txt}, as mget sends): * ? and [...]. */
final class Glob {
    private Glob() {
    }

    static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    regex.append(']');
                } else if (c == '\\' || c == '[' || c == '&' || c == '~' || c == '^' && i > 0 && glob.charAt(i - 1) != '[') {
                    regex.append('\\').append(c);
                } else {
                    regex.append(c == '!' && glob.charAt(i - 1) == '[' ? '^' : c);
                }
                continue;
            }
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    if (glob.indexOf(']', i + 2) > i) {
                        inClass = true;
                        regex.append('[');
                    } else {
                        regex.append("\\[");
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inClass) {
            regex.append(']');
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
