package dev.ferry.auth.sql;

import dev.ferry.auth.password.PasswordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SQL database of accounts: where it is and how users are looked up in it.
 *
 * @param database    which database and how to reach it
 * @param lookups     the queries about one user; together they give the {@link SqlField#PASSWORD}
 *                    exactly once (a user the password lookup finds no row for is not in this source)
 * @param groups      a query whose rows' first column are the user's groups (ProFTPD's
 *                    {@code SQLGroupInfo}), if any
 * @param formats     the forms stored passwords are accepted in, tried in order
 * @param defaultHome the home for users whose row gives none (ProFTPD's {@code SQLDefaultHomedir})
 * @param timeout     how long a connection or a query may take before the login is refused
 */
public record SqlSettings(SqlDatabase database, List<SqlLookup> lookups, Optional<SqlQuery> groups,
                          List<PasswordFormat> formats, Optional<Path> defaultHome, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SqlSettings {
        Objects.requireNonNull(database);
        lookups = List.copyOf(lookups);
        Objects.requireNonNull(groups);
        formats = List.copyOf(formats);
        Objects.requireNonNull(defaultHome);
        Objects.requireNonNull(timeout);
        Set<SqlField> seen = EnumSet.noneOf(SqlField.class);
        for (SqlLookup lookup : lookups) {
            for (SqlField field : lookup.columns()) {
                if (field != SqlField.UNUSED && !seen.add(field)) {
                    throw new IllegalArgumentException("two lookups give the " + field.name().toLowerCase() + " column");
                }
            }
        }
        if (!seen.contains(SqlField.PASSWORD)) {
            throw new IllegalArgumentException("no query gives the password");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no password format");
        }
        if (defaultHome.isPresent() && !defaultHome.get().isAbsolute()) {
            throw new IllegalArgumentException("the default home must be absolute: " + defaultHome.get());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    /** The lookup whose first column is the password: it decides whether the user is in this source. */
    SqlLookup passwordLookup() {
        return lookups.stream().filter(l -> l.columns().contains(SqlField.PASSWORD)).findFirst().orElseThrow();
    }
}
