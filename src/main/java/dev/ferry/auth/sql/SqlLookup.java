package dev.ferry.auth.sql;

import java.util.List;
import java.util.Objects;

/**
 * One query about a user and what the columns of its first row are: ProFTPD's
 * {@code SQLUserInfo} is one lookup of several columns, Pure-FTPd's {@code MYSQLGetPW},
 * {@code MYSQLGetDir}, ... are one lookup of one column each.
 */
public record SqlLookup(SqlQuery query, List<SqlField> columns) {
    public SqlLookup {
        Objects.requireNonNull(query);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs at least one column");
        }
    }

    public SqlLookup(SqlQuery query, SqlField column) {
        this(query, List.of(column));
    }
}
