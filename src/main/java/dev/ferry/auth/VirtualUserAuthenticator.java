package dev.ferry.auth;

import dev.ferry.config.DataDirectory;
import dev.ferry.policy.AccessPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** Virtual users from a {@link UserStore}, each jailed in their home directory. */
public final class VirtualUserAuthenticator implements Authenticator {
    private final UserStore store;
    private final DataDirectory dataDir;

    public VirtualUserAuthenticator(UserStore store, DataDirectory dataDir) {
        this.store = store;
        this.dataDir = dataDir;
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        Optional<StoredUser> found = store.find(user);
        if (found.isEmpty()) {
            return new AuthResult.NotApplicable();
        }
        StoredUser stored = found.get();
        if (!PasswordHasher.verify(password, stored.passwordHash())) {
            return new AuthResult.Failure("wrong password");
        }
        if (!stored.enabled()) {
            return new AuthResult.Failure("account disabled");
        }
        Path home = stored.home().orElseGet(() -> dataDir.defaultHome(stored.name()));
        return new AuthResult.Success(new UserAccount(stored.name(), false, home, AccessPolicy.FULL, stored.limits()));
    }
}
