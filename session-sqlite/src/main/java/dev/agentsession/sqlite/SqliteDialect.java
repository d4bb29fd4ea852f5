package dev.agentsession.sqlite;

import dev.agentsession.sql.spi.Appender;
import dev.agentsession.sql.spi.Dialect;
import dev.agentsession.sql.spi.SessionRead;
import dev.agentsession.sql.spi.StateStatements;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's specifics: {@code UPDATE ... RETURNING} then the insert, a session's tiers read as JSON
 * objects, JSON as text, and a file whose write lock another process held for longer than the
 * store waits counts as unavailable.
 */
final class SqliteDialect extends Dialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    private SqliteDialect() {
        super("SQLite", SQLDialect.SQLITE, "sqlite", true);
    }

    /** {@code UPDATE ... RETURNING}, then the insert: {@link ReturningAppender}. */
    @Override
    public Appender appender(DSLContext dsl, StateStatements state) {
        return new ReturningAppender(dsl, state);
    }

    /** A session and its tiers as one row: {@link TierObjectSessionRead}. */
    @Override
    public Optional<SessionRead> sessionRead(DSLContext dsl) {
        return Optional.of(new TierObjectSessionRead(dsl));
    }

    /** Adds SQLITE_BUSY and SQLITE_LOCKED (the wait for another process's lock ran out). */
    @Override
    public boolean isUnavailable(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isBusy(sql)) {
                return true;
            }
        }
        return super.isUnavailable(e);
    }

    /** @return whether {@code e} is SQLITE_BUSY or SQLITE_LOCKED, in any of their extended forms */
    static boolean isBusy(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        // extended codes such as SQLITE_BUSY_SNAPSHOT carry the primary code in the low byte
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
}
