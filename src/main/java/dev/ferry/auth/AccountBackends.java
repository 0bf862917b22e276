package dev.ferry.auth;

import dev.ferry.auth.ldap.LdapAuthenticator;
import dev.ferry.auth.sql.SqlAuthenticator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticators behind the account sources servers name: each source's authenticator is
 * made once, when a login first needs it, and shared by every server that names an equal source
 * (so a reload that leaves a database's settings alone keeps its open connections). A reload
 * retires the ones no server names any more.
 */
public final class AccountBackends implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountBackends.class);
    private final Authenticator ownUsers;
    private final Optional<VerifiedPasswordCache> cache;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AccountSource, Authenticator> made = new HashMap<>();
    /**
     * By the identity of a configuration's list: each login looks its chain up here, and hashing
     * whole settings records per login would be work for nothing (configurations are immutable).
     */
    private final Map<List<AccountSource>, Authenticator> chains = new IdentityHashMap<>();
    private static final int MAX_CHAINS = 1_000;

    /**
     * @param ownUsers the authenticator of Ferry's own user database
     * @param cache    where passwords that passed a slow hash are remembered, shared with {@code ownUsers}
     */
    public AccountBackends(Authenticator ownUsers, Optional<VerifiedPasswordCache> cache) {
        this.ownUsers = ownUsers;
        this.cache = cache;
    }

    /** The chain that asks {@code sources}, a configuration's list, in order. */
    public Authenticator chainFor(List<AccountSource> sources) {
        lock.lock();
        try {
            if (chains.size() > MAX_CHAINS) {
                chains.clear(); // lists that are not a kept configuration's: never let them pile up
            }
            return chains.computeIfAbsent(sources, list -> {
                List<Authenticator> chain = new ArrayList<>();
                for (AccountSource source : list) {
                    chain.add(made.computeIfAbsent(source, this::make));
                }
                return chain.size() == 1 ? chain.getFirst() : new AuthenticatorChain(chain);
            });
        } finally {
            lock.unlock();
        }
    }

    private Authenticator make(AccountSource source) {
        return switch (source) {
            case AccountSource.OwnUsers() -> ownUsers;
            case AccountSource.Sql(var settings) -> new SqlAuthenticator(settings, cache);
            case AccountSource.ExtAuth(var socket) -> new dev.ferry.auth.extauth.ExtAuthAuthenticator(socket);
            case AccountSource.PasswdFile(var users, var groups) ->
                    new dev.ferry.auth.file.PasswdFileAuthenticator(users, groups);
            case AccountSource.Ldap(var settings) -> {
                try {
                    yield new LdapAuthenticator(settings, cache);
                } catch (IllegalArgumentException e) {
                    // an unreadable CA file: every login of this source is refused, and says why
                    LOG.error("LDAP account source unusable: {}", e.getMessage());
                    yield new UnusableSource("LDAP account source unusable: " + e.getMessage());
                }
            }
        };
    }

    /**
     * Closes the authenticators of sources outside {@code inUse} (after a reload). A session that
     * still holds the old configuration and logs in again (REIN) gets a new authenticator for its
     * old source, closed at the next reload.
     */
    public void retainOnly(Set<AccountSource> inUse) {
        List<Authenticator> retired = new ArrayList<>();
        lock.lock();
        try {
            made.entrySet().removeIf(e -> {
                if (inUse.contains(e.getKey())) {
                    return false;
                }
                retired.add(e.getValue());
                return true;
            });
            chains.clear(); // made again from the authenticators kept, at the next login of each list
        } finally {
            lock.unlock();
        }
        retired.forEach(this::closeQuietly);
    }

    @Override
    public void close() {
        retainOnly(Set.of());
    }

    private void closeQuietly(Authenticator authenticator) {
        if (authenticator != ownUsers && authenticator instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing connections to a database or directory: nothing more to do about a failure
            }
        }
    }
}
