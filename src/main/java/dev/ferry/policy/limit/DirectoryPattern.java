package dev.ferry.policy.limit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The path of a {@code <Directory>} section (ProFTPD mod_core {@code <Directory>}), after the
 * caller has expanded {@code ~} and {@code ~user} and resolved paths relative to an
 * {@code <Anonymous>} root: an absolute host path whose components may hold wildcards
 * ({@code *}, {@code ?}, {@code [...]}), each of which stays within one component.
 *
 * <p>A section applies to its directory and everything below it. A trailing {@code /*} makes it
 * apply to everything below but not to the directory itself: {@code /srv/ftp/pub/incoming/*}
 * governs {@code incoming/x} and {@code incoming/x/y}, not {@code incoming}. Trailing slashes and
 * doubled slashes are ignored; {@code .} and {@code ..} components are refused.
 *
 * <p>ProFTPD itself hands the whole pattern to fnmatch without FNM_PATHNAME, so a middle
 * {@code *} may swallow several components ({@code /home/*}{@code /incoming} would also govern
 * {@code /home/a/b/incoming}); Ferry keeps each wildcard inside its component, which is what such a
 * pattern is written to mean.
 *
 * <p>When several sections match a path the one with the highest {@link #specificity()} is the
 * closest ("closest match", mod_core {@code <Directory>}).
 */
public record DirectoryPattern(String pattern) {

    /** Components beyond this would make {@link #specificity()} ambiguous; no real path has them. */
    private static final int MAX_COMPONENTS = 4095;

    public DirectoryPattern {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("empty <Directory> path");
        }
        if (pattern.startsWith("~")) {
            throw new IllegalArgumentException("<Directory " + pattern + ">: expand ~ to the home directory before matching");
        }
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("<Directory " + pattern
                    + ">: the path must be absolute (resolve paths inside <Anonymous> against its root first)");
        }
        if (pattern.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("<Directory> path holds a NUL character");
        }
        List<String> components = split(pattern);
        if (components.size() > MAX_COMPONENTS) {
            throw new IllegalArgumentException("<Directory> path has more than " + MAX_COMPONENTS + " components");
        }
        for (String component : components) {
            if (component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException("<Directory " + pattern + ">: '" + component + "' components are not allowed");
            }
            Glob.validate(component);
        }
        pattern = "/" + String.join("/", components);
    }

    public static DirectoryPattern parse(String text) {
        return new DirectoryPattern(text);
    }

    /** Whether this section governs the path (an absolute host path; it is normalized first). */
    public boolean matches(Path absoluteHostPath) {
        Objects.requireNonNull(absoluteHostPath, "absoluteHostPath");
        if (!absoluteHostPath.isAbsolute()) {
            throw new IllegalArgumentException("'" + absoluteHostPath + "' is not an absolute path");
        }
        Path path = absoluteHostPath.normalize();
        List<String> components = split(pattern);
        if (path.getNameCount() < components.size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!Glob.matches(components.get(i), path.getName(i).toString(), false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How closely this section fits the paths it matches; higher is closer. Ranked first by the
     * number of components (a deeper section is closer, and {@code /a/*} beats {@code /a} for
     * paths below {@code /a}, as mod_core says wildcard sections do), then by the number of
     * components without wildcards ({@code /home/bob/incoming} beats {@code /home/*}{@code /incoming}).
     * Equal values are a tie that configuration order breaks.
     */
    public int specificity() {
        List<String> components = split(pattern);
        int literal = (int) components.stream().filter(c -> !Glob.hasWildcard(c)).count();
        return components.size() * (MAX_COMPONENTS + 1) + literal;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static List<String> split(String path) {
        List<String> components = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                components.add(part);
            }
        }
        return components;
    }
}
