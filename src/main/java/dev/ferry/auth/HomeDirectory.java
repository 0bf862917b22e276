package dev.ferry.auth;

import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AccessPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The home directory an account source gives as text (an SQL column, an LDAP attribute), made
 * into an account: it must be absolute, and Pure-FTPd's {@code /./} splits it into the jail and
 * the directory the session starts in ({@code /srv/ftp/./alice}: jailed in {@code /srv/ftp},
 * starting in {@code /alice}). Without {@code /./} the user is jailed in the home, as Ferry's
 * own virtual users are; {@code DefaultRoot} lines still decide over both.
 */
public final class HomeDirectory {
    private static final String JAIL_MARK = "/./";

    private HomeDirectory() {
    }

    public static AuthResult account(String user, String home, Optional<String> shell, Set<String> groups,
                                     AccessPolicy access, UserLimits limits) {
        String text = home.strip();
        int mark = text.indexOf(JAIL_MARK);
        String jail = mark < 0 ? text : text.substring(0, mark);
        Path root;
        try {
            root = Path.of(jail.isEmpty() ? "/" : jail);
        } catch (InvalidPathException e) {
            return new AuthResult.Failure("unusable home directory for " + user + ": " + home);
        }
        if (!root.isAbsolute() || text.indexOf('\0') >= 0) {
            return new AuthResult.Failure("the home directory of " + user + " is not absolute: " + home);
        }
        root = root.normalize();
        VirtualPath start = VirtualPath.ROOT;
        if (mark >= 0) {
            try {
                start = VirtualPath.ROOT.resolve(text.substring(mark + JAIL_MARK.length()));
            } catch (FsException.InvalidName e) {
                return new AuthResult.Failure("unusable home directory for " + user + ": " + home);
            }
        }
        Path full = mark < 0 ? root : root.resolve(start.toString().substring(1)).normalize();
        return new AuthResult.Success(new UserAccount(user, false, root, start, Optional.of(full), groups, access,
                limits, shell));
    }
}
