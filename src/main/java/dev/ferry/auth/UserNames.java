package dev.ferry.auth;

import java.util.regex.Pattern;

/** The one rule for what a login name may look like, shared by the CLI, the store and USER. */
public final class UserNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");

    private UserNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid user name '" + name
                    + "': use 1-64 characters from A-Z a-z 0-9 _ . @ - (not starting with . @ -)");
        }
        return name;
    }
}
