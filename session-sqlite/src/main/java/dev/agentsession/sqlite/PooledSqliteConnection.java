package dev.agentsession.sqlite;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.sqlite.SQLiteConnection;
import org.sqlite.jdbc4.JDBC4Connection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * A sqlite-jdbc connection for the store's pools, whose prepared statements can be pooled
 * without being prepared again each time they are taken.
 *
 * <p>The pool clears a statement's parameters every time it takes the statement back. sqlite-jdbc
 * does that with {@code sqlite3_clear_bindings}, and SQLite marks a statement whose plan looked
 * at a bound value (sqlite-jdbc builds SQLite with STAT4; a LEFT JOIN, an ORDER BY over a range
 * are enough) as expired when its bindings are cleared, so the next run parses and plans it
 * again: a session read took 42 µs instead of 11, the last 20 events 29 µs instead of 17.
 * sqlite-jdbc binds every parameter from its own array on every run, so the native clear does
 * nothing the next run does not do; these statements clear only that array.
 */
final class PooledSqliteConnection extends JDBC4Connection {

    /**
     * Opens the file as {@code org.sqlite.JDBC} would, with the same settings.
     *
     * @param file the SQLite file
     * @param properties the connection's settings ({@link org.sqlite.SQLiteConfig#toProperties()})
     */
    PooledSqliteConnection(Path file, Properties properties) throws SQLException {
        super(SqliteDatabase.url(file), file.toString(), properties);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkOpen();
        checkCursor(type, concurrency, holdability);
        return new Statement(this, sql);
    }

    /** A prepared statement whose {@link #clearParameters()} leaves SQLite's bindings in place. */
    private static final class Statement extends JDBC4PreparedStatement {

        Statement(SQLiteConnection connection, String sql) throws SQLException {
            super(connection, sql);
        }

        /** Forgets the values set, as the JDBC contract asks; the next run binds every parameter anew. */
        @Override
        public void clearParameters() throws SQLException {
            checkOpen();
            if (batch != null) {
                Arrays.fill(batch, batchPos, batchPos + paramCount, null);
            }
        }
    }
}
