package dev.ferry.auth;

import dev.ferry.config.DataDirectory;
import dev.ferry.policy.AccessPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Virtual users from a {@link UserStore}, each jailed in their home directory. A password that
 * passed the slow hash recently is recognised through the {@link VerifiedPasswordCache} (when one
 * is given), which is what keeps repeated logins of scripts and mirror jobs cheap.
 */
public final class VirtualUserAuthenticator implements Authenticator {
    private final UserStore store;
    private final DataDirectory dataDir;
    private final Optional<VerifiedPasswordCache> cache;

    public VirtualUserAuthenticator(UserStore store, DataDirectory dataDir, Optional<VerifiedPasswordCache> cache) {
        this.store = store;
        this.dataDir = dataDir;
        this.cache = cache;
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
        if (!passwordMatches(stored, password)) {
            return new AuthResult.Failure("wrong password");
        }
        return account(stored);
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        return store.find(user).map(this::account).orElseGet(AuthResult.NotApplicable::new);
    }

    private AuthResult account(StoredUser stored) {
        if (!stored.enabled()) {
            return new AuthResult.Failure("account disabled");
        }
        Path home = stored.home().orElseGet(() -> dataDir.defaultHome(stored.name()));
        return new AuthResult.Success(UserAccount.inHome(stored.name(), home, stored.groups(), AccessPolicy.FULL,
                stored.limits()));
    }

    private boolean passwordMatches(StoredUser stored, char[] password) {
        if (cache.isPresent() && cache.get().matches(stored.name(), stored.passwordHash(), password)) {
            return true;
        }
        if (!PasswordHasher.verify(password, stored.passwordHash())) {
            return false;
        }
        cache.ifPresent(c -> c.remember(stored.name(), stored.passwordHash(), password));
        return true;
    }
}
