package dev.ferry.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where virtual users live. The embedded SQLite store is the default; SQL servers and LDAP come
 * later behind this same interface. Implementations are safe for concurrent use.
 */
public interface UserStore extends AutoCloseable {

    Optional<StoredUser> find(String name);

    /** @throws UserStoreException if the name is taken or the store fails */
    void add(StoredUser user);

    /** @throws UserStoreException if the user does not exist or the store fails */
    void update(StoredUser user);

    /** @return true if a user was deleted */
    boolean delete(String name);

    /** All users, sorted by name. */
    List<StoredUser> list();

    @Override
    void close();
}
