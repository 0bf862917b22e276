package dev.ferry.auth;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AnonymousAccess;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Anonymous FTP: "anonymous" and "ftp" with any password (by custom an e-mail address, which is
 * logged). Only in the chain when anonymous access is enabled.
 */
public final class AnonymousAuthenticator implements Authenticator {
    public static final Set<String> NAMES = Set.of("anonymous", "ftp");

    private final AnonymousConfig config;
    private final AnonymousAccess access;

    public AnonymousAuthenticator(AnonymousConfig config) {
        this.config = config;
        Optional<VirtualPath> drop = config.uploadDir().map(dir -> {
            try {
                return VirtualPath.ROOT.resolve(dir);
            } catch (FsException.InvalidName e) {
                throw new IllegalArgumentException("invalid anonymous upload directory: " + dir, e);
            }
        });
        this.access = new AnonymousAccess(drop);
    }

    public static boolean isAnonymousName(String user) {
        return NAMES.contains(user.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        if (!config.enabled() || !isAnonymousName(user)) {
            return new AuthResult.NotApplicable();
        }
        return new AuthResult.Success(new UserAccount(user.toLowerCase(java.util.Locale.ROOT), true, config.root(),
                access, UserLimits.NONE));
    }
}
