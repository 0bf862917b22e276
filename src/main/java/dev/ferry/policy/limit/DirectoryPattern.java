package dev.ferry.policy.limit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code <Directory>} path after {@code ~} expansion: absolute, with {@code *} and {@code ?}
 * matching within one path component. It covers the directory and everything below it; a
 * trailing {@code /*} covers only what is below (ProFTPD). The deeper pattern is the more
 * specific, and at equal depth a literal component beats a glob.
 */
public record DirectoryPattern(String pattern, List<String> components, boolean belowOnly) {

    public DirectoryPattern {
        components = List.copyOf(components);
    }

    public static DirectoryPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("<Directory> path must be absolute: " + text);
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        boolean belowOnly = !parts.isEmpty() && parts.getLast().equals("*");
        if (belowOnly) {
            parts.removeLast();
        }
        return new DirectoryPattern(text, parts, belowOnly);
    }

    public boolean matches(Path absoluteHostPath) {
        Path p = absoluteHostPath.normalize();
        int n = p.getNameCount();
        if (n < components.size() || (belowOnly && n == components.size())) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!componentMatches(components.get(i), p.getName(i).toString())) {
                return false;
            }
        }
        return true;
    }

    private static boolean componentMatches(String glob, String name) {
        if (!glob.contains("*") && !glob.contains("?")) {
            return glob.equals(name);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }

    public int specificity() {
        int score = 0;
        for (String c : components) {
            score += c.contains("*") || c.contains("?") ? 9 : 10;
        }
        return score * 2 + (belowOnly ? 1 : 0);
    }
}
