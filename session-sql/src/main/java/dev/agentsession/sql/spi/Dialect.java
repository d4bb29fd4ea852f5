package dev.agentsession.sql.spi;

import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/**
 * Everything that differs between the relational databases, in one place: the jOOQ dialect, the
 * migrations, how an append reaches the database (and its own reads, where it has them), how
 * JSON columns look, the largest statement, and how failures are classified.
 * {@link dev.agentsession.sql.SqlSessionService} asks this and never tests which database it runs
 * on. Each backend makes one when it opens (MySQL and MariaDB after asking the server which it is).
 */
public abstract class Dialect {

    private final String name;
    private final SQLDialect sqlDialect;
    private final String migrationFolder;
    private final boolean jsonAsText;

    /**
     * @param name the database's name for messages, such as "PostgreSQL"
     * @param sqlDialect the jOOQ dialect statements are rendered in
     * @param migrationFolder the folder of the migrations under {@code dev/agentsession/migration}
     * @param jsonAsText whether JSON columns are text columns to the database's catalog (SQLite,
     *     MariaDB) rather than a JSON type
     */
    protected Dialect(String name, SQLDialect sqlDialect, String migrationFolder, boolean jsonAsText) {
        this.name = Objects.requireNonNull(name, "name");
        this.sqlDialect = Objects.requireNonNull(sqlDialect, "sqlDialect");
        this.migrationFolder = Objects.requireNonNull(migrationFolder, "migrationFolder");
        this.jsonAsText = jsonAsText;
    }

    /** @return the database's name for messages, such as "PostgreSQL" */
    public final String name() {
        return name;
    }

    /** @return the jOOQ dialect statements are rendered in */
    public final SQLDialect sqlDialect() {
        return sqlDialect;
    }

    /** @return the folder of this dialect's migrations under {@code dev/agentsession/migration} */
    public final String migrationFolder() {
        return migrationFolder;
    }

    /**
     * Renders, once per store, how an append reaches this database.
     *
     * @param dsl the store's context, in this dialect
     * @param state the store's state statements, for an append with a delta
     * @return the appender; by default {@link StatementAppender}
     */
    public Appender appender(DSLContext dsl, StateStatements state) {
        return new StatementAppender(dsl, state);
    }

    /**
     * Renders, once per store, this database's own read of one session with its state, where it
     * has one.
     *
     * @param dsl the store's context, in this dialect
     * @return the read; empty to use the core's
     */
    public Optional<SessionRead> sessionRead(DSLContext dsl) {
        return Optional.empty();
    }

    /** @return whether the catalog shows JSON columns as text columns */
    public final boolean jsonAsText() {
        return jsonAsText;
    }

    /**
     * Reads, once on open, the most bytes one statement may carry.
     *
     * @param connection a connection to the database, not closed here
     * @return the limit; {@link StatementLimit#NONE} by default
     * @throws SQLException if the database cannot be asked
     */
    public StatementLimit statementLimit(Connection connection) throws SQLException {
        return StatementLimit.NONE;
    }

    /**
     * @return whether {@code e} reports a violated integrity constraint (SQL state class 23). On
     *     insert of a session, the only constraint a valid request can violate is the unique id.
     */
    public boolean isConstraintViolation(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    /**
     * Whether the database rolled back the whole transaction and kept nothing of it, so that
     * running it again is safe: SQL state class 40 (deadlock, serialization failure; a Galera
     * certification conflict is reported as a deadlock). Dialects add their own cases.
     *
     * @param e a failure of this database
     * @return whether nothing of the failed work was kept
     */
    public boolean isRolledBack(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C40_TRANSACTION_ROLLBACK;
    }

    /**
     * Whether an established connection was lost during the work (not: the pool gave up waiting
     * for one, having already spent its connection timeout trying). The work may or may not have
     * been done, so only work that is safe to repeat may be run again.
     *
     * @param e a failure of this database
     * @return whether the connection broke under the work
     */
    public boolean isConnectionLost(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return false;
            }
        }
        return isConnectionFailure(e);
    }

    /**
     * Whether {@code e} means the database could not be reached ({@link #isConnectionFailure}).
     * Dialects add their own cases.
     *
     * @param e a failure of this database
     * @return whether a retry after a pause may succeed because the store was out of reach
     */
    public boolean isUnavailable(DataAccessException e) {
        return isConnectionFailure(e);
    }

    /**
     * Whether a failure, anywhere in its chain of causes, is an {@link SQLException} of SQL state
     * class 08 (connection exception) as jOOQ classifies states, or a JDBC connection exception (a
     * pool that gave up waiting for a connection reports one without a state).
     *
     * @param failure any failure
     * @return whether it says the database could not be reached
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                SQLStateClass state = DataAccessException.sqlStateClass(sql);
                if (state == SQLStateClass.C08_CONNECTION_EXCEPTION) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param message what was being done, for the exception's message
     * @return the failure to throw for {@code e}: {@link SessionStoreUnavailableException} where
     *     {@link #isUnavailable}, otherwise {@link SessionStoreException}; the cause is kept
     */
    public final SessionStoreException failure(String message, DataAccessException e) {
        return isUnavailable(e) ? new SessionStoreUnavailableException(message, e) : new SessionStoreException(message, e);
    }

    @Override
    public String toString() {
        return name;
    }
}
