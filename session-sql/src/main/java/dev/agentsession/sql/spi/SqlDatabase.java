package dev.agentsession.sql.spi;

import dev.agentsession.RetryPolicy;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * How {@link dev.agentsession.sql.SqlSessionService} reaches one database: a context for reads, and the two ways a
 * write runs (a transaction, or one self-contained statement), serialised as that database needs.
 * What differs in the SQL itself is the {@link Dialect}'s.
 */
public interface SqlDatabase extends AutoCloseable {

    /**
     * The jOOQ settings every backend uses: the generated tables carry no schema, so each
     * connection's default schema (or database) is used.
     *
     * @return new settings
     */
    static Settings settings() {
        return new Settings().withRenderSchema(false).withRenderCatalog(false).withExecuteLogging(false);
    }

    /** @return what differs in this database's SQL and errors */
    Dialect dialect();

    /**
     * @return a context for reads only; each query borrows a pooled connection in auto-commit and
     *     returns it at once
     */
    DSLContext reader();

    /**
     * Runs {@code work} in one write transaction, serialised as this database needs: commits if
     * it returns, rolls back and rethrows if it throws.
     *
     * @param work the statements, run on the context it is given
     * @param <T> what the work returns
     * @return what the work returned
     * @throws DataAccessException if the database fails
     */
    <T> T transaction(Function<DSLContext, T> work);

    /**
     * Runs one statement that is atomic on its own, without opening a transaction around it
     * where the database allows (in auto-commit on a server); in a transaction otherwise.
     *
     * @param work the statement, run on the context it is given
     * @param <T> what the work returns
     * @return what the work returned
     * @throws DataAccessException if the database fails
     */
    <T> T statement(Function<DSLContext, T> work);

    /**
     * @return how calls are run again after a failure that is safe to retry; none by default
     *     (an embedded database has no transient failures a retry would mend)
     */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.none();
    }

    /** @return the most bytes one statement may carry to this database */
    StatementLimit statementLimit();

    /** @return what the store is, for error messages, such as "SQLite file /data/s.db"; no secrets */
    String description();

    /** Releases the pools. Idempotent. */
    @Override
    void close();
}
