package dev.agentsession.sql;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * The seam between {@link SqlSessionService}, which holds every query, and one kind of database:
 * how to reach it, how writes are serialised, and how its errors read. Each relational backend
 * implements this and nothing more.
 */
public interface SqlDatabase extends AutoCloseable {

    /**
     * The jOOQ settings every backend uses: the generated tables carry no schema, so each
     * connection's default schema (or database) is used.
     */
    static Settings settings() {
        return new Settings().withRenderSchema(false).withRenderCatalog(false).withExecuteLogging(false);
    }

    /** @return the jOOQ dialect queries are rendered in */
    SQLDialect dialect();

    /**
     * @return a context for reads; each query borrows a pooled connection and returns it at once
     */
    DSLContext reads();

    /**
     * Runs {@code work} in one write transaction, serialised as this database needs: commits if
     * it returns, rolls back and rethrows if it throws.
     *
     * @throws DataAccessException if the database fails
     */
    <T> T write(Function<DSLContext, T> work);

    /** @return whether {@code e} reports a duplicate key on a unique constraint */
    boolean isDuplicateKey(DataAccessException e);

    /**
     * @return the most bytes one statement may carry to this database, or {@link Long#MAX_VALUE}
     *     where only {@link dev.agentsession.Limits#MAX_EVENT_BYTES} applies
     */
    default long maxStatementBytes() {
        return Long.MAX_VALUE;
    }

    /** @return what the store is, for error messages, such as "SQLite file /data/s.db"; no secrets */
    String description();

    /** Releases the pools. Idempotent. */
    @Override
    void close();
}
