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

    private HomeDirectory() {
    }

    /** Where a home puts the session: the jail, the directory inside it to start in, the whole home. */
    public record Jail(Path root, VirtualPath start, Path home) {
    }

    /** The jail {@code home} describes; empty when it is not an absolute path (or not a path at all). */
    public static Optional<Jail> parse(String home) {
        if (home.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            int split = home.indexOf("/./");
            Path root = Path.of(split < 0 ? home : split == 0 ? "/" : home.substring(0, split));
            if (!root.isAbsolute()) {
                return Optional.empty();
            }
            root = root.normalize();
            if (split < 0) {
                return Optional.of(new Jail(root, VirtualPath.ROOT, root));
            }
            VirtualPath start = VirtualPath.ROOT.resolve(home.substring(split + 2));
            Path full = start.equals(VirtualPath.ROOT) ? root : root.resolve(start.toString().substring(1));
            return Optional.of(new Jail(root, start, full));
        } catch (InvalidPathException | FsException.InvalidName e) {
            return Optional.empty();
        }
    }

    /** The account of {@code user} with {@code home}, or a failure naming the unusable home. */
    public static AuthResult account(String user, String home, Optional<String> shell, Set<String> groups,
                                     AccessPolicy access, UserLimits limits) {
        return parse(home.strip())
                .<AuthResult>map(jail -> new AuthResult.Success(new UserAccount(user, false, jail.root(),
                        jail.start(), Optional.of(jail.home()), groups, access, limits, shell)))
                .orElseGet(() -> new AuthResult.Failure("the home directory of " + user + " is not an absolute path: "
                        + home));
    }
}
