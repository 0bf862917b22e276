package dev.ferry.auth;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rule for what a virtual user's group name may look like, and the comma-separated form in
 * which a set of them is written (on the command line and in the user database).
 *
 * <p>Group names follow the {@link UserNames} character rules. Those already exclude the two
 * characters that would make a name ambiguous in ProFTPD's group-expressions
 * ({@code AllowGroup}, {@code DenyGroup}, {@code DefaultRoot ~ users,!staff}): the comma that
 * separates the names of an expression and the leading {@code !} that negates one.
 */
public final class GroupNames {

    private GroupNames() {
    }

    public static boolean isValid(String name) {
        return UserNames.isValid(name);
    }

    public static String requireValid(String name) {
        if (isValid(name)) {
            return name;
        }
        String why;
        if (name != null && name.startsWith("!")) {
            why = "'!' negates a group in configuration expressions and cannot start a name";
        } else if (name != null && name.contains(",")) {
            why = "one name only; ',' separates names in a list";
        } else {
            why = "use 1-64 characters from A-Z a-z 0-9 _ . @ - (not starting with . @ -)";
        }
        throw new IllegalArgumentException("invalid group name '" + name + "': " + why);
    }

    /**
     * Parses {@code "users,staff"}. Blanks around names are ignored; an empty or blank text is no
     * groups at all, but an empty name between commas is an error, as it is most likely a typo.
     *
     * @return the names, sorted and unmodifiable
     * @throws IllegalArgumentException if a name is invalid
     */
    public static SortedSet<String> parseList(String text) {
        TreeSet<String> names = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableSortedSet(names);
        }
        for (String part : text.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("invalid group list '" + text + "': empty group name");
            }
            names.add(requireValid(name));
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** The inverse of {@link #parseList}: sorted names joined by commas, "" for none. */
    public static String formatList(Set<String> names) {
        return String.join(",", new TreeSet<>(names));
    }
}
