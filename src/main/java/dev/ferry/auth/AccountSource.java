package dev.ferry.auth;

import dev.ferry.auth.ldap.LdapSettings;
import dev.ferry.auth.sql.SqlSettings;
import java.util.List;
import java.util.Objects;

/**
 * One place a server looks up users, in the order of ProFTPD's {@code AuthOrder} or Pure-FTPd's
 * repeated {@code -l}: the first source that knows a name decides about it.
 */
public sealed interface AccountSource {

    /** Ferry's own virtual users ({@code DATA-DIR/users.db}, managed with {@code ferry user}). */
    record OwnUsers() implements AccountSource {
    }

    /** An SQL database of accounts. */
    record Sql(SqlSettings settings) implements AccountSource {
        public Sql {
            Objects.requireNonNull(settings);
        }
    }

    /** An LDAP directory of accounts. */
    record Ldap(LdapSettings settings) implements AccountSource {
        public Ldap {
            Objects.requireNonNull(settings);
        }
    }

    /** ProFTPD's {@code AuthUserFile} (passwd lines) and {@code AuthGroupFile} (group lines). */
    record PasswdFile(java.nio.file.Path users, java.util.Optional<java.nio.file.Path> groups) implements AccountSource {
        public PasswdFile {
            Objects.requireNonNull(users);
            Objects.requireNonNull(groups);
        }
    }

    /** A pure-authd daemon on a Unix socket (Pure-FTPd's {@code -l extauth:SOCKET}). */
    record ExtAuth(java.nio.file.Path socket) implements AccountSource {
        public ExtAuth {
            Objects.requireNonNull(socket);
        }
    }

    /** Ferry's own users only: what a server has unless its configuration names other sources. */
    List<AccountSource> OWN_USERS_ONLY = List.of(new OwnUsers());
}
